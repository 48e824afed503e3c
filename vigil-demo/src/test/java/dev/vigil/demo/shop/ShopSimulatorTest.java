package dev.vigil.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.demo.metrics.Exposition;
import dev.vigil.demo.metrics.MetricFamily;
import dev.vigil.demo.metrics.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShopSimulatorTest {
  // A Wednesday: 2026-11-25 00:00 UTC.
  private static final Instant MIDNIGHT = Instant.parse("2026-11-25T00:00:00Z");
  private static final Traffic TRAFFIC = new Traffic(120, ZoneId.of("UTC"));

  private static ShopSimulator simulator(long seed, List<TimedEffect> effects) {
    return new ShopSimulator(Shop.standard(), TRAFFIC, seed, MIDNIGHT, effects, Map.of("express-checkout", true));
  }

  @Test
  void sameSeedGivesTheSameSeriesHoweverTheInstantIsReached() {
    ShopSimulator straight = simulator(7, Scenario.standard().at(MIDNIGHT.plusSeconds(3600), 1));
    straight.advanceTo(MIDNIGHT.plus(Duration.ofHours(2)));
    ShopSimulator stepwise = simulator(7, Scenario.standard().at(MIDNIGHT.plusSeconds(3600), 1));
    for (Instant t = MIDNIGHT; t.isBefore(MIDNIGHT.plus(Duration.ofHours(2))); t = t.plusSeconds(45)) {
      stepwise.advanceTo(t);
      stepwise.scrape();
    }
    stepwise.advanceTo(MIDNIGHT.plus(Duration.ofHours(2)));

    assertThat(Exposition.text(stepwise.scrape())).isEqualTo(Exposition.text(straight.scrape()));
  }

  @Test
  void anotherSeedGivesOtherSeries() {
    ShopSimulator a = simulator(1, List.of());
    ShopSimulator b = simulator(2, List.of());
    a.advanceTo(MIDNIGHT.plus(Duration.ofHours(1)));
    b.advanceTo(MIDNIGHT.plus(Duration.ofHours(1)));

    assertThat(value(a, "http_server_requests_total", "frontend", "code=\"200\""))
        .isNotEqualTo(value(b, "http_server_requests_total", "frontend", "code=\"200\""));
  }

  @Test
  void trafficPeaksInTheEveningAndDropsAtNightAndAtWeekends() {
    double night = TRAFFIC.rate(MIDNIGHT.plus(Duration.ofHours(4)));
    double evening = TRAFFIC.rate(MIDNIGHT.plus(Duration.ofHours(20)));
    double saturdayEvening = TRAFFIC.rate(MIDNIGHT.plus(Duration.ofDays(3)).plus(Duration.ofHours(20)));

    assertThat(evening).isGreaterThan(3 * night).isBetween(110.0, 130.0);
    assertThat(saturdayEvening).isLessThan(0.9 * evening);
  }

  @Test
  void aBadDeployMakesCheckoutSlowAndFailingAndResetsItsCounters() {
    Instant deploy = MIDNIGHT.plus(Duration.ofHours(13));
    ShopSimulator sim = simulator(3, Scenario.badDeploy().at(deploy.minus(Duration.ofMinutes(1)), 1));
    Window before = window(sim, deploy.minus(Duration.ofMinutes(20)), deploy.minus(Duration.ofMinutes(5)));
    sim.advanceTo(deploy.plusSeconds(15));
    assertThat(value(sim, "http_server_requests_total", "checkout", "code=\"200\""))
        .as("a deploy restarts the process").isLessThan(1000);
    Window after = window(sim, deploy.plus(Duration.ofMinutes(2)), deploy.plus(Duration.ofMinutes(17)));

    assertThat(after.meanSeconds("checkout")).isGreaterThan(2.5 * before.meanSeconds("checkout"));
    assertThat(after.errorRatio("checkout")).isGreaterThan(0.035);
    assertThat(before.errorRatio("checkout")).isLessThan(0.01);
    assertThat(sim.applied()).singleElement().asString().contains("checkout 2.4.0");
    assertThat(Exposition.text(sim.scrape())).contains("version=\"2.4.0\"");
  }

  @Test
  void aGoodDeployChangesNothingButTheVersion() {
    Instant deploy = MIDNIGHT.plus(Duration.ofHours(13));
    ShopSimulator sim = simulator(3, Scenario.quiet().at(deploy.minus(Duration.ofMinutes(1)), 1));
    Window before = window(sim, deploy.minus(Duration.ofMinutes(20)), deploy.minus(Duration.ofMinutes(5)));
    sim.advanceTo(deploy);
    Window after = window(sim, deploy.plus(Duration.ofMinutes(2)), deploy.plus(Duration.ofMinutes(17)));

    assertThat(after.meanSeconds("catalog")).isCloseTo(before.meanSeconds("catalog"),
        org.assertj.core.data.Percentage.withPercentage(15));
    assertThat(after.errorRatio("catalog")).isLessThan(0.01);
  }

  @Test
  void aLeakGrowsMemoryUntilTheNextRestartAndASlowDatastoreSlowsItsCallers() {
    Instant at = MIDNIGHT.plus(Duration.ofHours(10));
    ShopSimulator sim = simulator(5, List.of(new TimedEffect(at, new Effect.MemoryLeak("recommendations", 600)),
        new TimedEffect(at, new Effect.Slowdown("postgres", 10, "migration"))));
    Window before = window(sim, at.minus(Duration.ofMinutes(15)), at.minusSeconds(15));
    double memoryBefore = value(sim, "process_resident_memory_bytes", "recommendations", "");
    double[] queriesBefore = {sum(sim, "pg_query_duration_seconds_sum"), sum(sim, "pg_query_duration_seconds_count")};
    Window after = window(sim, at.plus(Duration.ofMinutes(5)), at.plus(Duration.ofMinutes(20)));
    double memoryAfter = value(sim, "process_resident_memory_bytes", "recommendations", "");

    assertThat(memoryAfter - memoryBefore).as("20 minutes at 600 MB/h").isBetween(180e6, 240e6);
    assertThat(after.meanSeconds("catalog")).isGreaterThan(1.8 * before.meanSeconds("catalog"));
    double queryMeanAfter = (sum(sim, "pg_query_duration_seconds_sum") - queriesBefore[0])
        / (sum(sim, "pg_query_duration_seconds_count") - queriesBefore[1]);
    assertThat(queryMeanAfter).as("ten times the usual 2 ms").isGreaterThan(0.015);
  }

  @Test
  void flagsAreExposedAndFlip() {
    Instant at = MIDNIGHT.plus(Duration.ofMinutes(10));
    ShopSimulator sim = simulator(5, List.of(new TimedEffect(at, new Effect.FlagFlip("new-model", true,
        "recommendations", 1.2, 1.3))));
    sim.advanceTo(at.minusSeconds(15));
    assertThat(Exposition.text(sim.scrape())).contains("flag=\"new-model\"} 0").contains("flag=\"express-checkout\"} 1");
    sim.advanceTo(at);
    assertThat(Exposition.text(sim.scrape())).contains("flag=\"new-model\"} 1");
  }

  @Test
  void countersNeverGoBackwardsBetweenRestartsAndBucketsStayCumulative() {
    ShopSimulator sim = simulator(9, List.of());
    Map<String, Double> previous = Map.of();
    for (Instant t = MIDNIGHT; t.isBefore(MIDNIGHT.plus(Duration.ofHours(3))); t = t.plus(ShopSimulator.TICK)) {
      sim.advanceTo(t);
      Map<String, Double> now = sim.scrape().stream()
          .filter(f -> f.type() != dev.vigil.demo.metrics.MetricType.GAUGE).flatMap(f -> f.samples().stream())
          .filter(s -> !s.name().endsWith("_sum"))
          .collect(Collectors.toMap(MetricSample::series, MetricSample::value));
      for (var e : previous.entrySet()) {
        assertThat(now.get(e.getKey())).as(e.getKey()).isGreaterThanOrEqualTo(e.getValue());
      }
      previous = now;
    }
    List<Double> frontendBuckets = sim.scrape().stream().flatMap(f -> f.samples().stream())
        .filter(s -> s.name().equals("http_server_request_duration_seconds_bucket") && s.labels().contains("frontend"))
        .map(MetricSample::value).toList();
    assertThat(frontendBuckets).isSorted().hasSize(ShopSimulator.BUCKETS.length + 1);
  }

  @Test
  void effectsOnUnknownServicesAndCyclesAreRefused() {
    assertThatThrownBy(() -> simulator(1, List.of(new TimedEffect(MIDNIGHT, new Effect.MemoryLeak("nope", 1)))))
        .hasMessageContaining("unknown service 'nope'");
    ServiceSpec a = new ServiceSpec("a", "t", ServiceKind.SERVICE, 1, 0.3, 0, 0, 1, 10, 10, 0, Map.of("b", 1.0));
    ServiceSpec b = new ServiceSpec("b", "t", ServiceKind.SERVICE, 1, 0.3, 0, 0, 1, 10, 10, 0, Map.of("a", 1.0));
    assertThatThrownBy(() -> new Shop(List.of(a, b), Map.of())).hasMessageContaining("cycle: a -> b -> a");
  }

  @Test
  void aHealthyRolloutReplacesThePodsWhoseRestartsStartAtZeroAndWaitsForOneReplicaForSeconds() {
    Instant deploy = MIDNIGHT.plus(Duration.ofHours(13));
    ShopSimulator sim = simulator(3, Scenario.quiet().at(deploy.minus(Duration.ofMinutes(1)), 1));
    sim.advanceTo(deploy.minusSeconds(15));
    Map<String, Double> before = restarts(sim, "catalog");
    assertThat(sample(sim, "kube_deployment_status_replicas_unavailable", "deployment=\"catalog\"")).isZero();
    sim.advanceTo(deploy);
    Map<String, Double> after = restarts(sim, "catalog");
    assertThat(sample(sim, "kube_deployment_status_replicas_unavailable", "deployment=\"catalog\"")).isEqualTo(1);
    sim.advanceTo(deploy.plusSeconds(30));

    assertThat(sample(sim, "kube_deployment_status_replicas_unavailable", "deployment=\"catalog\"")).isZero();
    assertThat(before).hasSize(3).allSatisfy((pod, n) -> assertThat(n).isZero());
    assertThat(after).hasSize(3).allSatisfy((pod, n) -> assertThat(n).isZero());
    assertThat(after.keySet()).as("new pods").doesNotContainAnyElementsOf(before.keySet())
        .allSatisfy(pod -> assertThat(pod).matches("catalog-[0-9a-f]{8}-[0-9a-f]{5}"));
  }

  @Test
  void aConfigurationThatCrashLoopsStallsTheRolloutWhileTheOldPodsKeepServing() {
    Instant start = MIDNIGHT.plus(Duration.ofHours(13));
    Instant deploy = start.plus(Scenario.configChange().deployOffset("cart"));
    ShopSimulator sim = simulator(4, Scenario.configChange().at(start, 1));
    Window before = window(sim, deploy.minus(Duration.ofMinutes(15)), deploy.minusSeconds(15));
    Map<String, Double> podsBefore = restarts(sim, "cart");
    Window after = window(sim, deploy.plus(Duration.ofMinutes(2)), deploy.plus(Duration.ofMinutes(5)));
    Map<String, Double> podsAfter = restarts(sim, "cart");

    assertThat(podsAfter).hasSize(4).containsAllEntriesOf(podsBefore);
    assertThat(podsAfter.values().stream().mapToDouble(Double::doubleValue).sum()).as("10, 30, 70, 150 s")
        .isEqualTo(4);
    assertThat(sample(sim, "kube_deployment_status_replicas_unavailable", "deployment=\"cart\"")).isEqualTo(1);
    assertThat(after.errorRatio("cart")).isLessThan(0.01);
    assertThat(after.meanSeconds("cart")).isCloseTo(before.meanSeconds("cart"),
        org.assertj.core.data.Percentage.withPercentage(15));
    assertThat(Exposition.text(sim.scrape())).as("the old version serves").contains("version=\"1.0.0\"")
        .doesNotContain("version=\"1.9.0\"");
    assertThat(sim.applied()).last().asString().endsWith("(its new pods crash-loop)");
  }

  @Test
  void aCrashLoopRestartsWithTheKubeletsBackOff() {
    assertThat(List.of(0, 9, 10, 29, 30, 70, 150, 309, 310, 610, 910)
        .stream().map(s -> ShopSimulator.crashLoopRestarts(Duration.ofSeconds(s))).toList())
        .containsExactly(0L, 0L, 1L, 1L, 2L, 3L, 4L, 4L, 5L, 6L, 7L);
  }

  @Test
  void eachRequestEvaluatesTheFlagsOfItsServiceAndNoEvaluationFails() {
    ShopSimulator sim = simulator(5, Scenario.standard().at(MIDNIGHT.plus(Duration.ofHours(2)), 1));
    sim.advanceTo(MIDNIGHT.plus(Duration.ofHours(1)));
    String text = Exposition.text(sim.scrape());

    assertThat(text).containsPattern("feature_flag_evaluation_requests_total\\{[^}]*service_name=\"checkout\","
        + "feature_flag_key=\"express-checkout\"[^}]*} [1-9]")
        .containsPattern("feature_flag_evaluation_requests_total\\{[^}]*service_name=\"recommendations\","
            + "feature_flag_key=\"new-recommendations-model\"[^}]*} [1-9]")
        .containsPattern("feature_flag_evaluation_error_total\\{[^}]*feature_flag_key=\"express-checkout\"[^}]*} 0");
    assertThat(sample(sim, "feature_flag_evaluation_requests_total", "service_name=\"checkout\""))
        .isEqualTo(value(sim, "http_server_request_duration_seconds_count", "checkout", ""));
  }

  private static Map<String, Double> restarts(ShopSimulator sim, String service) {
    return sim.scrape().stream().flatMap(f -> f.samples().stream())
        .filter(s -> s.name().equals("kube_pod_container_status_restarts_total")
            && s.labels().contains("container=\"" + service + "\""))
        .collect(Collectors.toMap(s -> s.labels().replaceAll(".*pod=\"([^\"]+)\".*", "$1"), MetricSample::value));
  }

  private static double sample(ShopSimulator sim, String name, String labelPart) {
    return sim.scrape().stream().flatMap(f -> f.samples().stream())
        .filter(s -> s.name().equals(name) && s.labels().contains(labelPart)).mapToDouble(MetricSample::value)
        .findFirst().orElseThrow(() -> new AssertionError(name + " " + labelPart));
  }

  /** Requests, latency sum and failures of each service between two instants, from the counters. */
  private record Window(Map<String, double[]> start, Map<String, double[]> end) {
    double meanSeconds(String service) {
      return (end.get(service)[1] - start.get(service)[1]) / (end.get(service)[0] - start.get(service)[0]);
    }

    double errorRatio(String service) {
      return (end.get(service)[2] - start.get(service)[2]) / (end.get(service)[0] - start.get(service)[0]);
    }
  }

  private static Window window(ShopSimulator sim, Instant from, Instant to) {
    sim.advanceTo(from);
    Map<String, double[]> start = counters(sim);
    sim.advanceTo(to);
    return new Window(start, counters(sim));
  }

  private static Map<String, double[]> counters(ShopSimulator sim) {
    Map<String, double[]> out = new java.util.HashMap<>();
    for (ServiceSpec s : Shop.standard().services()) {
      if (s.kind() == ServiceKind.SERVICE) {
        out.put(s.name(), new double[] {value(sim, "http_server_request_duration_seconds_count", s.name(), ""),
            value(sim, "http_server_request_duration_seconds_sum", s.name(), ""),
            value(sim, "http_server_requests_total", s.name(), "code=\"500\"")
                + value(sim, "http_server_requests_total", s.name(), "code=\"503\"")});
      }
    }
    return out;
  }

  private static double value(ShopSimulator sim, String name, String service, String labelPart) {
    return sim.scrape().stream().flatMap(f -> f.samples().stream())
        .filter(s -> s.name().equals(name) && s.labels().contains("service=\"" + service + "\"")
            && s.labels().contains(labelPart))
        .mapToDouble(MetricSample::value).findFirst().orElseThrow(() -> new AssertionError(name + " " + service));
  }

  private static double sum(ShopSimulator sim, String name) {
    return sim.scrape().stream().map(MetricFamily::samples).flatMap(List::stream).filter(s -> s.name().equals(name))
        .mapToDouble(MetricSample::value).sum();
  }
}
