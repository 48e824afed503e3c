package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import dev.vigil.analysis.judge.BeforeAfterJudge;
import dev.vigil.analysis.judge.MetricWindows;
import dev.vigil.analysis.judge.PlanVerdict;
import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.metrics.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A plan of several services judged with the real judge and reported: a caller's regression fails the deploy
 * and is reported as the caller's, with the commits of the service it calls; a caller's new extreme alone does
 * not count; a caller deployed meanwhile is left to its own watch.
 */
class PlanCheckTest {
  private static final Instant DEPLOYED = Instant.parse("2026-11-25T20:00:00Z");
  private static final WatchWindows WINDOWS = WatchWindows.of(DEPLOYED, DEPLOYED.plus(Duration.ofMinutes(5)),
      Duration.ofMinutes(30), Duration.ofMinutes(2));
  private static final SignalTemplate LATENCY = SignalSets.named("prometheus-http").orElseThrow().getFirst();
  private static final DeployNotice CHECKOUT = new DeployNotice("checkout", "2.4.0", "be309e1aaaa", "production",
      "acme/shop", DEPLOYED, "ev-1");
  private static final HealthPlan.Target DEPLOYED_TARGET = new HealthPlan.Target("checkout", HealthPlan.Role.DEPLOYED,
      HealthPlan.GOLDEN, "deployed", List.of());
  private static final HealthPlan.Target FRONTEND = new HealthPlan.Target("frontend", HealthPlan.Role.DEPENDENT,
      HealthPlan.GOLDEN, "calls checkout", List.of("checkout"));
  private static final DeployReport.Advice ADVICE = new DeployReport.Advice(Optional.of(new ChangeRange("acme/shop",
      "588f561", "be309e1", List.of(
          new ChangeRange.Commit("be309e1aaaa", "new tax calculation", "Tom Becker", List.of("services/checkout/a"),
              List.of("checkout")),
          new ChangeRange.Commit("d3ca6710000", "routine release", "Jonas Weber", List.of("services/cart/a"),
              List.of("cart"))),
      List.of("services/checkout/a", "services/cart/a"), false, true)), Optional.of("588f561aaaa"),
      Optional.of("https://runbooks.example.com/checkout"));
  private final BeforeAfterJudge judge = new BeforeAfterJudge();

  private static Series series(TimeRange range, double level, long seed, double spikeAtEnd) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Sample> out = new ArrayList<>();
    for (Instant t = range.start(); !t.isAfter(range.end()); t = t.plusSeconds(15)) {
      double v = level * (1 + 0.02 * (random.nextDouble() - 0.5));
      out.add(new Sample(t, t.plusSeconds(15).isAfter(range.end()) ? v * spikeAtEnd : v));
    }
    return Series.of(out);
  }

  /** Latency of one service: {@code after} in the after-window; a history of the before-window's level. */
  private DeployCheck.Result latency(String service, double before, double after, double spike) {
    return latency(service, before, after, spike, false);
  }

  /** With {@code summaryOnly}, the history is given as a stored baseline without its values gives it. */
  private DeployCheck.Result latency(String service, double before, double after, double spike,
      boolean summaryOnly) {
    Series b = series(WINDOWS.before(), before, 1, 1);
    Series a = series(WINDOWS.after(), after, 2, spike);
    Series history = series(new TimeRange(DEPLOYED.minus(Duration.ofHours(6)), DEPLOYED), before, 3, 1);
    MetricWindows windows = MetricWindows.withHistory(LATENCY.name(), b, a, null, LATENCY.direction(),
        LATENCY.tolerance(), history);
    if (summaryOnly) {
      windows = new MetricWindows(windows.metric(), b, a, null, windows.direction(), windows.tolerance(),
          windows.history());
    }
    PlanVerdict v = judge.judgePlan(List.of(windows));
    return new DeployCheck.Result(v, List.of(new DeployCheck.SignalResult(LATENCY, LATENCY.render(service, "2m"),
        v.metrics().getFirst(), List.of(), b, a, Series.of(List.of()), Optional.empty())), WINDOWS);
  }

  /** The check's result as if the week had come from a baseline learned up to {@code learnedTo}. */
  private static DeployCheck.Result stored(DeployCheck.Result read, Instant learnedTo) {
    DeployCheck.SignalResult r = read.signals().getFirst();
    return new DeployCheck.Result(read.verdict(), List.of(new DeployCheck.SignalResult(r.signal(), r.query(),
        r.judgement(), r.notes(), r.before(), r.after(), r.lastWeek(), Optional.of(learnedTo))), WINDOWS);
  }

  @Test
  void the_post_says_which_weeks_came_from_the_learned_baselines() {
    DeployCheck.Result read = latency("checkout", 0.4, 0.41, 1);
    Instant learnedTo = DEPLOYED.minus(Duration.ofMinutes(12));
    PlanCheck both = new PlanCheck(List.of(
        new PlanCheck.TargetCheck(DEPLOYED_TARGET, stored(read, learnedTo), List.of(), Optional.empty()),
        new PlanCheck.TargetCheck(FRONTEND, latency("frontend", 0.25, 0.25, 1), List.of(), Optional.empty())));
    assertThat(DeployReport.post(CHECKOUT, both, Duration.ofMinutes(5), false, "", ADVICE))
        .contains("the week's range (from the learned baselines to 19:48:00 UTC for 1 of 2 signals).");
    // A baseline stored before the week's values were kept gives the judge only the summary.
    PlanCheck summaryOnly = new PlanCheck(List.of(
        new PlanCheck.TargetCheck(DEPLOYED_TARGET, stored(latency("checkout", 0.4, 0.41, 1, true), learnedTo),
            List.of(), Optional.empty()),
        new PlanCheck.TargetCheck(FRONTEND, latency("frontend", 0.25, 0.25, 1), List.of(), Optional.empty())));
    assertThat(DeployReport.post(CHECKOUT, summaryOnly, Duration.ofMinutes(5), false, "", ADVICE))
        .contains("the week's range (from the learned baselines to 19:48:00 UTC for 1 of 2 signals, 1 without the"
            + " anomaly check).");
    PlanCheck readOnly = new PlanCheck(List.of(new PlanCheck.TargetCheck(DEPLOYED_TARGET, read, List.of(),
        Optional.empty())));
    assertThat(DeployReport.post(CHECKOUT, readOnly, Duration.ofMinutes(5), false, "", ADVICE))
        .contains("the same minutes a week earlier and the week's range.").doesNotContain("learned baselines");
  }

  @Test
  void a_callers_regression_fails_the_deploy_and_is_reported_as_the_callers_with_the_commits_it_calls_into() {
    PlanCheck check = new PlanCheck(List.of(
        new PlanCheck.TargetCheck(DEPLOYED_TARGET, latency("checkout", 0.4, 0.41, 1), List.of(), Optional.empty()),
        new PlanCheck.TargetCheck(FRONTEND, latency("frontend", 0.25, 0.5, 1), List.of(), Optional.empty())));

    assertThat(check.targets().get(0).verdict()).isEqualTo(Verdict.PASS);
    assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
    String post = DeployReport.post(CHECKOUT, check, Duration.ofMinutes(5), false, "", ADVICE);
    assertThat(post).startsWith("deploy-watch checkout 2.4.0 (production) at +5m: FAIL")
        .contains("\ncheckout (deployed): PASS\n").contains("\nfrontend (dependent: calls checkout): FAIL\n")
        .contains("\nRegressed: frontend (dependent, calls checkout)\n")
        .contains("\nSuspicious commits for frontend (touching checkout): be309e1 \"new tax calculation\" (Tom Becker).\n")
        .contains("\nNext step: roll checkout back from 2.4.0 (be309e1) to 588f561, the commit deployed before it,"
            + " then follow the runbook https://runbooks.example.com/checkout.");
  }

  @Test
  void a_new_extreme_alone_does_not_count_for_a_service_that_was_not_deployed() {
    // The level stays, one value at the end spikes beyond everything the history held.
    DeployCheck.Result spiky = latency("frontend", 0.25, 0.25, 3);
    assertThat(spiky.verdict().verdict()).as("the judge alone fails it").isEqualTo(Verdict.FAIL);
    PlanCheck check = new PlanCheck(List.of(
        new PlanCheck.TargetCheck(DEPLOYED_TARGET, latency("checkout", 0.4, 0.4, 1), List.of(), Optional.empty()),
        new PlanCheck.TargetCheck(FRONTEND, spiky, List.of(), Optional.empty())));

    assertThat(check.targets().get(1).verdict()).isEqualTo(Verdict.PASS);
    assertThat(check.verdict()).isEqualTo(Verdict.PASS);
    assertThat(DeployReport.post(CHECKOUT, check, Duration.ofMinutes(5), true, "", ADVICE))
        .contains("[counts as PASS: frontend was not deployed, so its shift against before must be beyond the"
            + " tolerance too]");
  }

  @Test
  void a_caller_deployed_meanwhile_is_reported_but_left_to_its_own_watch() {
    PlanCheck check = new PlanCheck(List.of(
        new PlanCheck.TargetCheck(DEPLOYED_TARGET, latency("checkout", 0.4, 0.4, 1), List.of(), Optional.empty()),
        new PlanCheck.TargetCheck(FRONTEND, latency("frontend", 0.25, 0.5, 1), List.of(),
            Optional.of("frontend was itself deployed (9.9.9 at 2026-11-25T20:01:00Z)"))));

    assertThat(check.verdict()).isEqualTo(Verdict.PASS);
    assertThat(DeployReport.post(CHECKOUT, check, Duration.ofMinutes(5), true, "", ADVICE))
        .contains("frontend was itself deployed (9.9.9 at 2026-11-25T20:01:00Z): what it did is left to that"
            + " deploy's watch.").doesNotContain("Regressed:");
  }

  private static final SignalTemplate UNAVAILABLE = SignalSets.named("kubernetes").orElseThrow().get(1);

  /** The deployed service's latency (passing) and its unavailable replicas, none before and {@code after} after. */
  private DeployCheck.Result latencyAndReplicas(Optional<Double> after) {
    Series b = series(WINDOWS.before(), 0.4, 1, 1);
    Series a = series(WINDOWS.after(), 0.41, 2, 1);
    Series history = series(new TimeRange(DEPLOYED.minus(Duration.ofHours(6)), DEPLOYED), 0.4, 3, 1);
    Series replicasBefore = after.isPresent() ? series(WINDOWS.before(), 0, 4, 1) : Series.of(List.of());
    Series replicasAfter = after.map(v -> series(WINDOWS.after(), v, 5, 1)).orElse(Series.of(List.of()));
    Series replicasHistory = after.isPresent() ? series(new TimeRange(DEPLOYED.minus(Duration.ofHours(6)), DEPLOYED),
        0, 6, 1) : Series.of(List.of());
    PlanVerdict v = judge.judgePlan(List.of(
        MetricWindows.withHistory(LATENCY.name(), b, a, null, LATENCY.direction(), LATENCY.tolerance(), history),
        MetricWindows.withHistory(UNAVAILABLE.name(), replicasBefore, replicasAfter, null, UNAVAILABLE.direction(),
            UNAVAILABLE.tolerance(), replicasHistory.size() < 2 ? null : replicasHistory)));
    return new DeployCheck.Result(v, List.of(
        new DeployCheck.SignalResult(LATENCY, LATENCY.render("checkout", "2m"), v.metrics().get(0), List.of(), b, a,
            Series.of(List.of()), Optional.empty()),
        new DeployCheck.SignalResult(UNAVAILABLE, UNAVAILABLE.render("checkout", "2m"), v.metrics().get(1), List.of(),
            replicasBefore, replicasAfter, Series.of(List.of()), Optional.empty())), WINDOWS);
  }

  private static final HealthPlan.Target CONFIG_CHANGED = new HealthPlan.Target("checkout", HealthPlan.Role.DEPLOYED,
      List.of(HealthPlan.GOLDEN, "kubernetes"), "deployed", List.of());

  @Test
  void an_added_signal_without_data_is_reported_but_does_not_keep_the_deploy_from_passing() {
    DeployCheck.Result result = latencyAndReplicas(Optional.empty());
    assertThat(result.verdict().verdict()).as("the judge alone").isEqualTo(Verdict.NOT_ENOUGH_DATA);

    PlanCheck added = new PlanCheck(List.of(new PlanCheck.TargetCheck(CONFIG_CHANGED, result, List.of(),
        Optional.empty(), List.of("unavailable_replicas"))));
    assertThat(added.verdict()).isEqualTo(Verdict.PASS);
    assertThat(DeployReport.post(CHECKOUT, added, Duration.ofMinutes(5), false, "", ADVICE))
        .contains(": PASS (score 100/100)").containsPattern("- unavailable_replicas: .*NOT ENOUGH DATA .*\\[added for"
            + " what changed: without data it holds no verdict back; are its metrics collected\\?]");
    assertThat(DeployReport.card("#deploys", CHECKOUT, added, Duration.ofMinutes(5), false, "", ADVICE).card()
        .orElseThrow().summary()).isEqualTo("No signal got worse beyond its tolerance.");

    PlanCheck main = new PlanCheck(List.of(new PlanCheck.TargetCheck(CONFIG_CHANGED, result, List.of(),
        Optional.empty())));
    assertThat(main.verdict()).as("a main signal without data still says so").isEqualTo(Verdict.NOT_ENOUGH_DATA);
  }

  @Test
  void an_added_signal_that_got_worse_fails_the_deploy_whose_golden_signals_pass() {
    PlanCheck check = new PlanCheck(List.of(new PlanCheck.TargetCheck(CONFIG_CHANGED,
        latencyAndReplicas(Optional.of(1.0)), List.of(), Optional.empty(), List.of("unavailable_replicas"))));

    assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(DeployReport.post(CHECKOUT, check, Duration.ofMinutes(5), false, "", ADVICE))
        .containsPattern("- latency_p99: .*: PASS").containsPattern("- unavailable_replicas: 0.000 replicas before ->"
            + " [01]\\.\\d+ replicas after.*: FAIL").contains("Regressed: checkout");
  }
}
