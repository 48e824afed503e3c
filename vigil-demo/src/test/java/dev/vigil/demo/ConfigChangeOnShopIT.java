package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.demo.shop.Scenario;
import dev.vigil.tasks.deploywatch.DeployCheck;
import dev.vigil.tasks.deploywatch.DeployNotice;
import dev.vigil.tasks.deploywatch.DeployReport;
import dev.vigil.tasks.deploywatch.SignalSets;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restarts and readiness, the signals a deploy watch adds when configuration or the image changed, judged on
 * the shop's real history in the real Prometheus as of each check's time: the config-change scenario played
 * three hours ago holds a healthy configuration change of shipping (+1 min) and one of cart whose new pod
 * crash-loops (+5 min) while the old pods keep serving. The golden signals cannot tell them apart; the
 * kube-state-metrics signals fail the second and pass the first. The flag evaluations' set reads the shop's
 * OpenFeature series too.
 */
class ConfigChangeOnShopIT {
  /** What a deploy watch judges a service on after a configuration change: its golden signals, then these. */
  private static final List<SignalTemplate> GOLDEN_AND_RUNTIME = concat("prometheus-http", "kubernetes");
  private static ShopHistory shop;

  @BeforeAll
  static void start() throws IOException {
    shop = ShopHistory.start("config-change", 6);
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void aConfigurationThatCrashLoopsFailsOnRestartsAndReadinessWhileItsGoldenSignalsPass() throws Exception {
    Instant deployed = shop.scenarioStart().plus(Scenario.configChange().deployOffset("cart"));
    for (Duration at : List.of(Duration.ofMinutes(5), Duration.ofMinutes(15))) {
      DeployCheck.Result result = shop.check("cart", deployed, at, GOLDEN_AND_RUNTIME);

      assertThat(result.verdict().verdict()).as("+" + at + ": " + result.signals()).isEqualTo(Verdict.FAIL);
      assertThat(ShopHistory.verdicts(result)).as("+" + at).containsEntry("restarts", Verdict.FAIL)
          .containsEntry("unavailable_replicas", Verdict.FAIL)
          .containsEntry("latency_p99", Verdict.PASS).containsEntry("error_ratio", Verdict.PASS);
    }
    DeployCheck.Result golden = shop.check("cart", deployed, Duration.ofMinutes(5),
        SignalSets.named("prometheus-http").orElseThrow());
    assertThat(golden.verdict().verdict()).as("the old pods keep serving: the golden signals alone pass")
        .isEqualTo(Verdict.PASS);

    DeployNotice notice = new DeployNotice("cart", "1.9.0", "", "production", "acme/shop", deployed, "e-2");
    DeployCheck.Result early = shop.check("cart", deployed, Duration.ofMinutes(5), GOLDEN_AND_RUNTIME);
    assertThat(early.signals()).extracting(DeployCheck.SignalResult::query).contains(
        "sum(increase(kube_pod_container_status_restarts_total{container=\"cart\"}[5m]))",
        "sum(kube_deployment_status_replicas_unavailable{deployment=\"cart\"})");
    assertThat(DeployReport.post(notice, early, Duration.ofMinutes(5), false, ""))
        .startsWith("deploy-watch cart 1.9.0 (production) at +5m: FAIL")
        .containsPattern("\n- restarts: 0\\.000 restarts before -> [2-9]\\.\\d+ restarts after.*: FAIL")
        .containsPattern("\n- unavailable_replicas: 0\\.000 replicas before -> 1\\.000 replicas after.*: FAIL")
        .contains("Next step: roll cart back from 1.9.0");
  }

  @Test
  void aHealthyConfigurationChangePassesWithItsRestartsAndReadinessJudgedOnData() throws Exception {
    Instant deployed = shop.scenarioStart().plus(Scenario.configChange().deployOffset("shipping"));
    for (Duration at : List.of(Duration.ofMinutes(5), Duration.ofMinutes(15))) {
      DeployCheck.Result result = shop.check("shipping", deployed, at, GOLDEN_AND_RUNTIME);

      assertThat(result.verdict().verdict()).as("+" + at + ": " + result.signals()).isEqualTo(Verdict.PASS);
      assertThat(result.signals()).as("judged, not passed for want of data").allSatisfy(s ->
          assertThat(s.judgement().vsBefore().candidateSize()).isGreaterThanOrEqualTo(3));
    }
  }

  @Test
  void theFlagEvaluationsOfAServiceAreJudgedOnTheShopsOpenFeatureSeries() throws Exception {
    Instant asIfDeployed = shop.scenarioStart().minus(Duration.ofMinutes(30));
    DeployCheck.Result result = shop.check("checkout", asIfDeployed, Duration.ofMinutes(5),
        SignalSets.named("openfeature").orElseThrow());

    assertThat(result.verdict().verdict()).as(result.signals().toString()).isEqualTo(Verdict.PASS);
    assertThat(result.signals().getFirst().judgement().vsBefore().candidateSize()).isGreaterThanOrEqualTo(3);
    assertThat(result.signals().getFirst().query()).contains("feature_flag_evaluation_error_total{service_name=\"checkout\"}");
  }

  private static List<SignalTemplate> concat(String... sets) {
    List<SignalTemplate> out = new ArrayList<>();
    for (String set : sets) {
      out.addAll(SignalSets.named(set).orElseThrow());
    }
    return List.copyOf(out);
  }
}
