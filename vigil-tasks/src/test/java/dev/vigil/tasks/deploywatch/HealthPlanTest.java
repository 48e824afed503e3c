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

  private static HealthPlan plan(Optional<ChangeRange> changes, String datastoreSignals, int max) {
    return HealthPlan.of(CHECKOUT, GRAPH, changes, datastoreSignals, max);
  }

  @Test
  void a_service_of_the_catalog_is_judged_with_its_direct_callers_and_the_other_services_changes_are_named() {
    HealthPlan plan = plan(Optional.of(range("services/checkout/src/tax.py", "services/checkout/config/app.yaml",
        "services/cart/CHANGELOG.md", "services/cart/config/app.yaml")), "postgres", 8);

    assertThat(plan.targets()).extracting(HealthPlan.Target::service).containsExactly("checkout", "frontend");
    assertThat(plan.targets().get(1).why()).isEqualTo("calls checkout");
    assertThat(plan.notes()).containsExactly("also in the range, shipped by their own deploys and not judged here:"
        + " cart (2 files under services/cart/)");
  }

  @Test
  void a_deploy_of_several_services_judges_each_changed_one_then_their_direct_callers() {
    HealthPlan plan = HealthPlan.of(SHOP, GRAPH, Optional.of(range("services/checkout/src/tax.py",
        "services/cart/CHANGELOG.md")), "postgres", 8);

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
    assertThat(postgres.signals()).isEqualTo("postgres");
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
    HealthPlan plan = HealthPlan.of(SHOP, GRAPH, Optional.of(range("billing/rates.csv", "docs/intro.md")), "postgres", 8);

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
        "postgres", 2);

    assertThat(plan.targets()).hasSize(2);
    assertThat(plan.notes()).anyMatch(n -> n.startsWith("left out to stay within 2 services (parameter maxServices):"));
  }

  @Test
  void the_plan_survives_the_step_output_and_reads_as_one_line_per_service() {
    HealthPlan plan = plan(Optional.of(range("db/migrations/0042.sql")), "postgres", 8);

    assertThat(HealthPlan.fromOutput(plan.toOutput())).isEqualTo(plan);
    assertThat(plan.describe(List.of("latency_p99", "error_ratio"), java.util.Map.of("postgres",
        List.of("query_p99")))).contains("\n- checkout (deployed): latency_p99, error_ratio")
        .contains("\n- postgres (datastore: datastore of checkout; db/migrations/0042.sql changed): query_p99")
        .contains("\n- frontend (dependent: calls checkout): latency_p99, error_ratio");
  }
}
