package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import dev.vigil.analysis.judge.BeforeAfterJudge;
import dev.vigil.analysis.judge.MetricJudgement;
import dev.vigil.analysis.judge.MetricWindows;
import dev.vigil.analysis.judge.PlanVerdict;
import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingId;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.run.RunId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A false positive, remembered, with the real judge: the shift people called harmless passes the next time,
 * a shift twice as large still fails, and other signals are judged as before.
 */
class FalsePositiveMemoryTest {
  private static final Instant DEPLOYED = Instant.parse("2026-11-25T20:00:00Z");
  private static final Instant CHECK = DEPLOYED.plus(Duration.ofMinutes(15));
  private static final WatchWindows WINDOWS = WatchWindows.of(DEPLOYED, CHECK, Duration.ofMinutes(30),
      Duration.ofMinutes(2));
  private static final SignalTemplate LATENCY = SignalSets.named("prometheus-http").orElseThrow().getFirst();
  private static final SignalTemplate ERRORS = SignalSets.named("prometheus-http").orElseThrow().get(1);
  private final BeforeAfterJudge judge = new BeforeAfterJudge();

  /** Values around {@code level} (2% noise), one every 15 s over the window. */
  private static Series series(dev.vigil.core.metrics.TimeRange range, double level, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Sample> out = new ArrayList<>();
    for (Instant t = range.start(); !t.isAfter(range.end()); t = t.plusSeconds(15)) {
      out.add(new Sample(t, level * (1 + 0.02 * (random.nextDouble() - 0.5))));
    }
    return Series.of(out);
  }

  private DeployCheck.Result check(SignalTemplate signal, double before, double after) {
    Series b = series(WINDOWS.before(), before, 1);
    Series a = series(WINDOWS.after(), after, 2);
    PlanVerdict v = judge.judgePlan(List.of(new MetricWindows(signal.name(), b, a, null, signal.direction(),
        signal.tolerance())));
    MetricJudgement j = v.metrics().getFirst();
    return new DeployCheck.Result(v, List.of(new DeployCheck.SignalResult(signal, signal.render("checkout", "2m"), j,
        List.of(), b, a, Series.of(List.of()), java.util.Optional.empty())), WINDOWS);
  }

  private static Finding markedFalsePositive(DeployCheck.Result result, String reason) {
    Instant marked = Instant.parse("2026-11-26T09:00:00Z");
    return new Finding(FindingId.random(), new AgentId("deploy-watcher"), RunId.random(), Severity.CRITICAL,
        "checkout", "deploy checkout 2.4.0 fails at +15m: latency_p99", DeployReport.evidence(result, ""), List.of(),
        "deploy-watch:deploy-watcher:ev-1", FindingStatus.FALSE_POSITIVE, reason, 1, marked, marked);
  }

  @Test
  void the_remembered_shift_becomes_the_tolerance_floor_of_that_signal_only() {
    DeployCheck.Result first = check(LATENCY, 0.400, 0.600);
    assertThat(first.verdict().verdict()).as("a 50% rise fails a 20% tolerance").isEqualTo(Verdict.FAIL);
    Finding fp = markedFalsePositive(first, "the cache warms up after every release");

    Map<String, FalsePositiveMemory.Remembered> remembered = FalsePositiveMemory.recall(List.of(fp), "checkout",
        List.of(LATENCY, ERRORS), "2m");
    assertThat(remembered).containsOnlyKeys("latency_p99");
    assertThat(remembered.get("latency_p99").relative()).isBetween(0.45, 0.55);
    FalsePositiveMemory.Applied applied = FalsePositiveMemory.apply(List.of(LATENCY, ERRORS), "checkout", remembered);

    assertThat(applied.signals().get(1)).as("error_ratio untouched").isSameAs(ERRORS);
    assertThat(applied.explanations()).singleElement().asString()
        .startsWith("latency_p99 on checkout was marked false positive on 2026-11-26: 'the cache warms up after every"
            + " release'; its tolerance is raised from 20%,3sd to ");
    assertThat(applied.explanations().getFirst()).matches(".*raised from 20%,3sd to \\d{2}(\\.\\d{1,2})?%,3sd \\(the shift"
        + " then: \\d+ ms\\)");
    SignalTemplate raised = applied.signals().getFirst();
    assertThat(check(raised, 0.400, 0.590).verdict().verdict()).as("the same shift again passes").isEqualTo(Verdict.PASS);
    assertThat(check(raised, 0.400, 0.800).verdict().verdict()).as("twice the shift still fails")
        .isEqualTo(Verdict.FAIL);
  }

  @Test
  void only_deploy_watch_findings_of_the_service_that_did_not_pass_count() {
    DeployCheck.Result passed = check(LATENCY, 0.400, 0.401);
    DeployCheck.Result failed = check(LATENCY, 0.400, 0.600);
    Finding other = new Finding(FindingId.random(), new AgentId("deploy-watcher"), RunId.random(), Severity.WARNING,
        "checkout", "something else", DeployReport.evidence(failed, ""), List.of(), "signal-check:x",
        FindingStatus.FALSE_POSITIVE, "no", 1, CHECK, CHECK);

    assertThat(FalsePositiveMemory.recall(List.of(markedFalsePositive(passed, "fine"), other), "checkout",
        List.of(LATENCY), "2m")).isEmpty();
    assertThat(FalsePositiveMemory.recall(List.of(markedFalsePositive(failed, "fine")), "cart", List.of(LATENCY), "2m"))
        .isEmpty();
  }

  @Test
  void a_tolerance_that_already_covers_the_shift_is_kept_and_said_so() {
    SignalTemplate wide = new SignalTemplate(LATENCY.name(), LATENCY.query(), LATENCY.direction(),
        dev.vigil.analysis.judge.Tolerance.parse("80%"), LATENCY.unit());
    var remembered = Map.of("latency_p99", new FalsePositiveMemory.Remembered("latency_p99", 0.2, 0.5,
        java.time.LocalDate.parse("2026-11-26"), "warm-up"));

    FalsePositiveMemory.Applied applied = FalsePositiveMemory.apply(List.of(wide), "checkout", remembered);

    assertThat(applied.signals().getFirst()).isSameAs(wide);
    assertThat(applied.explanations().getFirst()).contains("its tolerance 80% already covers the shift then");
  }
}
