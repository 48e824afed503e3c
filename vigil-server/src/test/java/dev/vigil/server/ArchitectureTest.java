package dev.vigil.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of Vigil: the domain stays plain, and Spring lives only in the server. */
@AnalyzeClasses(packages = "dev.vigil", importOptions = {ImportOption.DoNotIncludeTests.class,
    ArchitectureTest.NotFromTestJars.class})
class ArchitectureTest {

  @ArchTest
  static final ArchRule core_depends_on_no_framework_json_sql_or_scheduler = noClasses()
      .that().resideInAPackage("dev.vigil.core..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.springframework..", "com.fasterxml..", "tools.jackson..", "java.sql..", "com.github.kagkarlsson..");

  @ArchTest
  static final ArchRule analysis_depends_on_no_spring_jackson_or_sql = noClasses()
      .that().resideInAPackage("dev.vigil.analysis..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.springframework..", "com.fasterxml..", "tools.jackson..", "java.sql..");

  @ArchTest
  static final ArchRule engine_store_tasks_integrations_and_analysis_know_no_spring = noClasses()
      .that().resideInAnyPackage("dev.vigil.engine..", "dev.vigil.store..", "dev.vigil.tasks..",
          "dev.vigil.integrations..", "dev.vigil.analysis..")
      .should().dependOnClassesThat().resideInAPackage("org.springframework..");

  @ArchTest
  static final ArchRule tasks_depend_only_on_ports_not_on_adapters_or_engine = noClasses()
      .that().resideInAPackage("dev.vigil.tasks..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "dev.vigil.store..", "dev.vigil.engine..", "dev.vigil.integrations..", "dev.vigil.graph..");

  /** The graph uses core, and analysis only for learned baselines (statistics on plain values, no I/O). */
  @ArchTest
  static final ArchRule graph_depends_only_on_core = noClasses()
      .that().resideInAPackage("dev.vigil.graph..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.store..", "dev.vigil.engine..",
          "dev.vigil.integrations..", "dev.vigil.tasks..", "dev.vigil.server..",
          "com.fasterxml..", "tools.jackson..", "java.sql..");

  @ArchTest
  static final ArchRule graph_uses_analysis_only_for_baselines = noClasses()
      .that().resideInAPackage("dev.vigil.graph..").and().resideOutsideOfPackage("dev.vigil.graph.baseline..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.analysis..");

  @ArchTest
  static final ArchRule integrations_do_not_depend_on_each_other = slices()
      .matching("dev.vigil.integrations.(*)..").should().notDependOnEachOther();

  @ArchTest
  static final ArchRule only_the_server_uses_spring = noClasses()
      .that().resideInAPackage("dev.vigil..").and().resideOutsideOfPackage("dev.vigil.server..")
      .should().dependOnClassesThat().resideInAPackage("org.springframework..");

  /**
   * Leaves out classes from other modules' test jars (the server's tests use the integrations' test kit):
   * the rules are about production code, and a Maven test jar is not a test-classes folder.
   */
  static final class NotFromTestJars implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("-tests.jar");
    }
  }
}
