package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthPlanTest {
  private static final ShopGraph GRAPH = new ShopGraph();
  private static final DeployNotice CHECKOUT = new DeployNotice("checkout", "2.4.0", "be309e1aa", "production",
      "acme/shop", Instant.parse("2026-11-25T20:29:34Z"), "ev-1");

  private static ChangeRange range(String... files) {
    return new ChangeRange("acme/shop", "588f561", "be309e1", List.of(), List.of(files), false, true);
  }

  /** A deploy of the whole repository: the catalog knows no service of that name. */
  private static final DeployNotice SHOP = new DeployNotice("shop", "2026.11.25", "be309e1aa", "production",
      "acme/shop", Instant.parse("2026-11-25T20:29:34Z"), "ev-2");

  private static final HealthPlan.ChangeSets SETS = new HealthPlan.ChangeSets("postgres", "kubernetes", "openfeature");

  private static HealthPlan plan(Optional<ChangeRange> changes, String datastoreSignals, int max) {
    return HealthPlan.of(CHECKOUT, GRAPH, changes, new HealthPlan.ChangeSets(datastoreSignals, "kubernetes",
        "openfeature"), max);
  }

  private static HealthPlan.Target target(HealthPlan plan, String service) {
    return plan.targets().stream().filter(t -> t.service().equals(service)).findFirst().orElseThrow();
  }

  @Test
  void a_service_of_the_catalog_is_judged_with_its_direct_callers_and_the_other_services_changes_are_named() {
    HealthPlan plan = plan(Optional.of(range("services/checkout/src/tax.py", "services/checkout/config/app.yaml",
        "services/cart/CHANGELOG.md", "services/cart/config/app.yaml")), "postgres", 8);

    assertThat(plan.targets()).extracting(HealthPlan.Target::service).containsExactly("checkout", "frontend");
    assertThat(plan.targets().get(1).why()).isEqualTo("calls checkout");
    assertThat(plan.notes()).containsExactly("also in the range, shipped by their own deploys and not judged here:"
        + " cart (2 files under services/cart/)", "configuration or the image changed"
        + " (services/checkout/config/app.yaml): checkout also judged on restarts and readiness (kubernetes)");
    assertThat(plan.targets().get(0).signals()).as("cart's configuration was shipped by cart's own deploy")
        .containsExactly(HealthPlan.GOLDEN, "kubernetes");
  }

  @Test
  void a_deploy_of_several_services_judges_each_changed_one_then_their_direct_callers() {
    HealthPlan plan = HealthPlan.of(SHOP, GRAPH, Optional.of(range("services/checkout/src/tax.py",
        "services/cart/CHANGELOG.md")), SETS, 8);

    assertThat(plan.targets()).extracting(HealthPlan.Target::service).containsExactly("shop", "checkout", "cart",
        "frontend");
    assertThat(plan.targets()).extracting(HealthPlan.Target::role).containsExactly(HealthPlan.Role.DEPLOYED,
        HealthPlan.Role.CHANGED, HealthPlan.Role.CHANGED, HealthPlan.Role.DEPENDENT);
    assertThat(plan.targets().get(2).why()).isEqualTo("services/cart/CHANGELOG.md changed");
    assertThat(plan.targets().get(3).why()).as("frontend calls both").isEqualTo("calls checkout, cart");
    assertThat(plan.targets().get(3).causes()).containsExactly("checkout", "cart");
    assertThat(plan.notes()).isEmpty();
  }

  @Test
  void a_migration_adds_the_datastores_of_the_changed_services_with_the_datastore_signals() {
    HealthPlan plan = plan(Optional.of(range("db/migrations/0042_drop_orders_customer_id_index.sql")), "postgres", 8);

    HealthPlan.Target postgres = plan.targets().stream().filter(t -> t.service().equals("postgres")).findFirst()
        .orElseThrow();
    assertThat(postgres.role()).isEqualTo(HealthPlan.Role.DATASTORE);
    assertThat(postgres.signals()).containsExactly("postgres");
    assertThat(postgres.why()).isEqualTo("datastore of checkout; db/migrations/0042_drop_orders_customer_id_index.sql"
        + " changed");
    assertThat(plan.notes()).singleElement().asString().startsWith("not in any service's catalog paths: db/migrations/");
  }

  @Test
  void without_datastore_signals_a_migration_is_named_in_the_notes_instead() {
    HealthPlan plan = plan(Optional.of(range("db/migrations/0042.sql")), "", 8);

    assertThat(plan.targets()).extracting(HealthPlan.Target::service).doesNotContain("postgres");
    assertThat(plan.notes()).anyMatch(n -> n.contains("datastore signals are off (parameter datastoreSignals)"));
  }

  @Test
  void codeowners_map_a_path_outside_the_catalog_to_the_one_service_its_team_owns() {
    HealthPlan plan = HealthPlan.of(SHOP, GRAPH, Optional.of(range("billing/rates.csv", "docs/intro.md")), SETS, 8);

    assertThat(plan.targets()).extracting(HealthPlan.Target::service).contains("billing");
    assertThat(plan.notes()).as("storefront owns two services: no guess").singleElement().asString()
        .isEqualTo("not in any service's catalog paths: docs/intro.md (CODEOWNERS: team:storefront)");
  }

  @Test
  void without_a_changeset_the_plan_is_the_deployed_service_and_its_callers() {
    HealthPlan plan = plan(Optional.empty(), "postgres", 8);

    assertThat(plan.targets()).extracting(HealthPlan.Target::service).containsExactly("checkout", "frontend");
  }

  @Test
  void past_the_limit_the_services_left_out_are_named() {
    HealthPlan plan = HealthPlan.of(SHOP, GRAPH, Optional.of(range("services/cart/a", "services/shipping/b")),
        SETS, 2);

    assertThat(plan.targets()).hasSize(2);
    assertThat(plan.notes()).anyMatch(n -> n.startsWith("left out to stay within 2 services (parameter maxServices):"));
  }

  @Test
  void the_plan_survives_the_step_output_and_reads_as_one_line_per_service() {
    HealthPlan plan = plan(Optional.of(range("db/migrations/0042.sql")), "postgres", 8);

    assertThat(HealthPlan.fromOutput(plan.toOutput())).isEqualTo(plan);
    assertThat(plan.describe(set -> java.util.Map.of(HealthPlan.GOLDEN, List.of("latency_p99", "error_ratio"),
        "postgres", List.of("query_p99")).get(set))).contains("\n- checkout (deployed): latency_p99, error_ratio")
        .contains("\n- postgres (datastore: datastore of checkout; db/migrations/0042.sql changed): query_p99")
        .contains("\n- frontend (dependent: calls checkout): latency_p99, error_ratio");
  }

  @Test
  void a_changed_dockerfile_manifest_or_application_config_adds_restarts_and_readiness_to_the_service_that_shipped_it() {
    for (String path : List.of("services/checkout/Dockerfile", "services/checkout/Containerfile.prod",
        "services/checkout/.dockerignore", "services/checkout/compose.yaml", "services/checkout/k8s/deployment.yaml",
        "services/checkout/helm/checkout/templates/deployment.yaml", "services/checkout/charts/Chart.yaml",
        "services/checkout/values-production.yaml", "services/checkout/kustomization.yml",
        "services/checkout/src/main/resources/application-prod.properties", "services/checkout/application.yml",
        "services/checkout/.env", "services/checkout/.env.production", "services/checkout/config/app.yaml",
        "services/checkout/conf/nginx.conf")) {
      HealthPlan plan = plan(Optional.of(range(path)), "postgres", 8);
      assertThat(target(plan, "checkout").signals()).as(path).containsExactly(HealthPlan.GOLDEN, "kubernetes");
      assertThat(target(plan, "frontend").signals()).as("a caller: golden only").containsExactly(HealthPlan.GOLDEN);
    }
    for (String path : List.of("services/checkout/src/tax.py", "services/checkout/README.md",
        "services/checkout/src/configure.py", "services/checkout/docs/deployment.md")) {
      assertThat(target(plan(Optional.of(range(path)), "postgres", 8), "checkout").signals()).as(path)
          .containsExactly(HealthPlan.GOLDEN);
    }
  }

  @Test
  void a_configuration_change_outside_any_service_counts_for_the_deployed_one_and_each_changed_service_gets_its_own() {
    HealthPlan ownDeploy = plan(Optional.of(range("k8s/ingress.yaml", "services/checkout/config/app.yaml")),
        "postgres", 8);
    assertThat(target(ownDeploy, "checkout").signals()).containsExactly(HealthPlan.GOLDEN, "kubernetes");
    assertThat(ownDeploy.notes()).contains("configuration or the image changed (k8s/ingress.yaml,"
        + " services/checkout/config/app.yaml): checkout also judged on restarts and readiness (kubernetes)");

    HealthPlan several = HealthPlan.of(SHOP, GRAPH, Optional.of(range("services/cart/Dockerfile",
        "services/checkout/src/tax.py")), SETS, 8);
    assertThat(target(several, "cart").signals()).containsExactly(HealthPlan.GOLDEN, "kubernetes");
    assertThat(target(several, "checkout").signals()).containsExactly(HealthPlan.GOLDEN);
    assertThat(target(several, "shop").signals()).containsExactly(HealthPlan.GOLDEN);
  }

  @Test
  void a_changed_flag_file_adds_the_flag_evaluations_after_the_other_sets() {
    HealthPlan plan = plan(Optional.of(range("services/checkout/feature-flags.json",
        "services/checkout/Dockerfile")), "postgres", 8);

    assertThat(target(plan, "checkout").signals()).containsExactly(HealthPlan.GOLDEN, "kubernetes", "openfeature");
    assertThat(plan.notes()).contains("feature flags changed (services/checkout/feature-flags.json): checkout also"
        + " judged on flag evaluations (openfeature)");
    assertThat(plan.describe(set -> switch (set) {
      case HealthPlan.GOLDEN -> List.of("latency_p99", "traffic");
      case "kubernetes" -> List.of("restarts", "unavailable_replicas");
      default -> List.of("flag_error_ratio");
    })).contains("\n- checkout (deployed): latency_p99, traffic; restarts, unavailable_replicas; flag_error_ratio");
  }

  @Test
  void with_the_sets_off_the_changes_are_named_in_the_notes_and_nothing_is_added() {
    HealthPlan plan = HealthPlan.of(CHECKOUT, GRAPH, Optional.of(range("services/checkout/flags.yaml",
        "services/checkout/Dockerfile")), new HealthPlan.ChangeSets("postgres", "", ""), 8);

    assertThat(target(plan, "checkout").signals()).containsExactly(HealthPlan.GOLDEN);
    assertThat(plan.notes()).containsExactly("configuration or the image changed (services/checkout/Dockerfile):"
        + " restarts and readiness are not judged (parameter runtimeSignals is off); the golden signals of the"
        + " services above show what the change does", "feature flags changed (services/checkout/flags.yaml): flag"
        + " evaluations are not judged (parameter flagSignals is off); the golden signals of the services above show"
        + " what the change does");
  }

  @Test
  void a_plan_stored_before_targets_had_several_sets_still_reads() {
    java.util.Map<String, Object> stored = java.util.Map.of("targets", List.of(
        java.util.Map.of("service", "checkout", "role", "DEPLOYED", "signals", "golden", "why", "deployed",
            "causes", List.of()),
        java.util.Map.of("service", "postgres", "role", "DATASTORE", "signals", "postgres", "why",
            "datastore of checkout; db/migrations/0042.sql changed", "causes", List.of("checkout"))),
        "notes", List.of());

    HealthPlan plan = HealthPlan.fromOutput(stored);

    assertThat(plan.targets()).extracting(HealthPlan.Target::signals).containsExactly(List.of(HealthPlan.GOLDEN),
        List.of("postgres"));
    assertThat(HealthPlan.fromOutput(plan.toOutput())).isEqualTo(plan);
  }
}
