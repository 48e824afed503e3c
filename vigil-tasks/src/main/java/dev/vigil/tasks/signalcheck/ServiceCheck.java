package dev.vigil.tasks.signalcheck;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.MetricSource;
import dev.vigil.tasks.deploywatch.DeployCheck;
import dev.vigil.tasks.deploywatch.DeployReport;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import dev.vigil.tasks.deploywatch.WatchWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One service's signals as of an instant: the last {@code window} against the {@code before} that
 * preceded it, the same minutes a week earlier and the week's range (the deploy watch's check, anchored
 * at the start of the window instead of at a deploy). Signals without data for the service (a datastore
 * has no HTTP series) are not judged and do not count; a service with no judged signal is not enough data.
 */
public final class ServiceCheck {
  private final DeployCheck check = new DeployCheck();

  /** The service's verdict over its judged signals, with the check it rests on. */
  public record Result(String service, Verdict verdict, DeployCheck.Result check) {
    public Result {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(check, "check");
    }

    /** The names of the worse signals, e.g. {@code latency_p99, error_ratio}. */
    public String worseNames() {
      return String.join(", ", worse().stream().map(s -> s.signal().name()).toList());
    }

    /** One line per worse signal: baseline, what it is now, verdict and why. */
    public List<String> worseLines() {
      return worse().stream().map(s -> line(s) + " - " + s.judgement().reason()).toList();
    }

    /**
     * One signal: baseline, what it is now and its verdict, e.g.
     * {@code memory: 512 MiB before -> 1.1 GiB now: FAIL}.
     */
    public static String line(DeployCheck.SignalResult s) {
      return s.signal().name() + ": " + DeployReport.baseline(s) + " -> "
          + s.signal().format(s.judgement().vsBefore().candidateMedian()) + " now: "
          + DeployReport.word(s.judgement().verdict());
    }

    /** One evidence item per worse signal: its query over the judged minutes, observed against baseline. */
    public List<Evidence> worseEvidence() {
      return worse().stream().map(s -> new Evidence(s.query(), check.windows().after().start(),
          check.windows().after().end(), s.signal().format(s.judgement().vsBefore().candidateMedian()),
          DeployReport.baseline(s) + " (" + s.signal().direction().label() + ", tolerance " + s.signal().tolerance()
              + ")", Optional.empty())).toList();
    }

    /** The card with one line per worse signal added (observed against baseline). */
    public FindingCard withWorseLines(FindingCard card) {
      FindingCard out = card;
      for (DeployCheck.SignalResult s : worse()) {
        out = out.withEvidence(s.signal().name(), s.signal().format(s.judgement().vsBefore().candidateMedian()),
            DeployReport.baseline(s));
      }
      return out;
    }

    /** The signals that were judged and are worse than pass. */
    public List<DeployCheck.SignalResult> worse() {
      return check.signals().stream().filter(s -> s.judgement().verdict() == Verdict.FAIL
          || s.judgement().verdict() == Verdict.MARGINAL).toList();
    }
  }

  /**
   * @param learned the graph's learned baselines, which stand for the week's history when one was learned
   *     up to the start of the judged minutes (see {@link DeployCheck#run(MetricSource, DeployCheck.LearnedHistory,
   *     String, List, WatchWindows, Duration, Duration)})
   */
  public Result run(MetricSource source, DeployCheck.LearnedHistory learned, String service,
      List<SignalTemplate> signals, Instant asOf, Duration window, Duration before, Duration rateWindow, Duration step)
      throws IntegrationFailure {
    WatchWindows windows = WatchWindows.of(asOf.minus(window), asOf, before, rateWindow);
    DeployCheck.Result result = check.run(source, learned, service, signals, windows, rateWindow, step);
    Verdict verdict = null;
    for (DeployCheck.SignalResult s : result.signals()) {
      Verdict v = s.judgement().verdict();
      if (v != Verdict.NOT_ENOUGH_DATA) {
        verdict = verdict == null ? v : verdict.worse(v);
      }
    }
    return new Result(service, verdict == null ? Verdict.NOT_ENOUGH_DATA : verdict, result);
  }
}
