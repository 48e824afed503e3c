package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.port.MetricSource;
import dev.vigil.demo.shop.Scenario;
import dev.vigil.tasks.alerttriage.AlertNotice;
import dev.vigil.tasks.deploywatch.DeployCheck;
import dev.vigil.tasks.alerttriage.AlertTriage;
import dev.vigil.tasks.alerttriage.AlertTriageReport;
import dev.vigil.tasks.signalcheck.ResourceSignals;
import dev.vigil.tasks.signalcheck.ServiceCheck;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signal check on the shop's real history in the real Prometheus, as of instants inside the
 * standard scenario played three hours ago: the memory leak in recommendations (from +6 min) and the
 * slow PostgreSQL (from +9 min) are found at +40 min; a service neither touches stays healthy, and
 * before the scenario nothing is worse. The first responder's triage on the same history confirms the
 * error alert after the bad deploy and the slow-queries alert, and not the jitter alert.
 */
class SignalCheckOnShopIT {
  private static final List<String> SETS = List.of("prometheus-http", "process", "pool", "postgres");
  private static ShopHistory shop;
  private static MetricSource prometheus;
  private static Instant scenarioStart;

  @BeforeAll
  static void start() throws IOException {
    shop = ShopHistory.start("standard", 8);
    prometheus = shop.prometheus();
    scenarioStart = shop.scenarioStart();
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void theLeakAndTheSlowDatastoreAreFoundAndAnUntouchedServiceStaysHealthy() throws Exception {
    Instant asOf = scenarioStart.plus(Duration.ofMinutes(40));

    ServiceCheck.Result leak = check("recommendations", asOf);
    assertThat(leak.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(leak.worse()).extracting(s -> s.signal().name()).contains("memory");

    ServiceCheck.Result database = check("postgres", asOf);
    assertThat(database.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(database.worse()).extracting(s -> s.signal().name()).contains("query_p99");

    ServiceCheck.Result shipping = check("shipping", asOf);
    assertThat(shipping.verdict()).as(shipping.check().signals().toString()).isEqualTo(Verdict.PASS);
  }

  @Test
  void beforeTheScenarioNothingIsWorse() throws Exception {
    Instant asOf = scenarioStart.minus(Duration.ofMinutes(5));
    for (String service : List.of("recommendations", "postgres", "catalog", "checkout")) {
      ServiceCheck.Result r = check(service, asOf);
      assertThat(r.verdict()).as(service + ": " + r.worse()).isIn(Verdict.PASS, Verdict.MARGINAL);
    }
  }

  @Test
  void theFirstResponderConfirmsTheErrorAlertAfterTheBadDeployAndTheSlowQueriesButNotTheJitter() throws Exception {
    Instant deployed = scenarioStart.plus(Scenario.standard().deployOffset("checkout"));
    // HighErrorRatio has 'for: 2m'; the triage here runs ten minutes late, as a re-run after an outage would.
    AlertTriage.Result errors = triage("HighErrorRatio", "checkout", deployed.plus(Duration.ofSeconds(150)),
        Duration.ofMinutes(10));
    assertThat(errors.conclusion()).as(AlertTriageReport.text(errors)).isEqualTo(AlertTriage.Conclusion.CONFIRMED);
    assertThat(errors.own().orElseThrow().worseNames()).contains("error_ratio");
    FindingDraft finding = AlertTriageReport.finding(errors, "alert-triage:test").orElseThrow();
    assertThat(finding.evidence()).anySatisfy(e -> assertThat(e.query()).contains("http_server_requests_total")
        .contains("checkout"));
    assertThat(finding.summary()).startsWith("HighErrorRatio on checkout confirmed: ");

    Instant slowed = scenarioStart.plus(Duration.ofMinutes(9));
    AlertTriage.Result queries = triage("SlowQueries", "postgres", slowed.plus(Duration.ofMinutes(2)),
        Duration.ofMinutes(10));
    assertThat(queries.conclusion()).as(AlertTriageReport.text(queries)).isEqualTo(AlertTriage.Conclusion.CONFIRMED);
    assertThat(queries.own().orElseThrow().worseNames()).contains("query_p99");

    // The jitter alert an hour before the scenario: search's own signals are normal, so no finding.
    AlertTriage.Result jitter = triage("SearchLatencyJitter", "search", scenarioStart.minus(Duration.ofHours(1)),
        Duration.ofMinutes(10));
    assertThat(jitter.conclusion()).as(AlertTriageReport.text(jitter))
        .isEqualTo(AlertTriage.Conclusion.NOT_CONFIRMED);
    assertThat(AlertTriageReport.finding(jitter, "alert-triage:test")).isEmpty();
    assertThat(AlertTriageReport.text(jitter)).startsWith("alert-triage SearchLatencyJitter on search: NOT CONFIRMED");
  }

  private static AlertTriage.Result triage(String alert, String service, Instant began, Duration late)
      throws Exception {
    AlertNotice notice = new AlertNotice(alert, service, "page", true, began, "", 1);
    AlertTriage.Settings settings = new AlertTriage.Settings(ResourceSignals.named(SETS), Duration.ofMinutes(3),
        Duration.ofMinutes(3), Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofHours(2));
    return new AlertTriage().triage(notice, prometheus, ContextGraph.empty(), began.plus(late), settings);
  }

  private static ServiceCheck.Result check(String service, Instant asOf) throws Exception {
    return new ServiceCheck().run(prometheus, DeployCheck.LearnedHistory.NONE, service, ResourceSignals.named(SETS), asOf, Duration.ofMinutes(15),
        Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofMinutes(1));
  }
}
