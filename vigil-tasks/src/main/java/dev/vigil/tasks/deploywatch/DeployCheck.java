package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import dev.vigil.analysis.judge.BeforeAfterJudge;
import dev.vigil.analysis.judge.HistoryRange;
import dev.vigil.analysis.judge.MetricJudgement;
import dev.vigil.analysis.judge.MetricWindows;
import dev.vigil.analysis.judge.PlanVerdict;
import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.metrics.QueryDuration;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check of a deploy: each signal's query over the check's windows, judged, and aggregated into
 * one verdict. Reads only through the {@link MetricSource} it is given, which is scoped and audited by
 * the engine, and no sample after the check's time.
 */
public final class DeployCheck {
  /** History is read at one point a minute at most: a week of it is then about 10,000 points, under Prometheus' 11,000. */
  private static final Duration HISTORY_STEP = Duration.ofMinutes(1);

  private final BeforeAfterJudge judge = new BeforeAfterJudge();

  /**
   * What one signal's judgement rests on: the query as sent, the windows as read, and the judgement.
   *
   * @param storedHistory when the week's range came from the graph's learned baseline rather than a read of
   *     the week, the end of the history that baseline was learned from
   */
  public record SignalResult(SignalTemplate signal, String query, MetricJudgement judgement, List<String> notes,
      Series before, Series after, Series lastWeek, Optional<Instant> storedHistory) {
    public SignalResult {
      Objects.requireNonNull(storedHistory, "storedHistory");
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(judgement, "judgement");
      notes = List.copyOf(notes);
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(lastWeek, "lastWeek");
    }
  }

  /** The outcome of one check. */
  public record Result(PlanVerdict verdict, List<SignalResult> signals, WatchWindows windows) {
    public Result {
      Objects.requireNonNull(verdict, "verdict");
      signals = List.copyOf(signals);
      Objects.requireNonNull(windows, "windows");
    }
  }

  /**
   * A check that reads every window, the week's history included (a backtest: baselines learned now know
   * samples after the deploy).
   *
   * @throws IntegrationFailure when the store cannot answer (retry the step when {@code retryable()})
   */
  public Result run(MetricSource source, String service, List<SignalTemplate> signals, WatchWindows windows,
      Duration rateWindow, Duration step) throws IntegrationFailure {
    return run(source, LearnedHistory.NONE, service, signals, windows, rateWindow, step);
  }

  /**
   * Where a check may find a signal's week already learned: the context graph's stored baselines
   * ({@code graph::baseline}).
   */
  @FunctionalInterface
  public interface LearnedHistory {
    LearnedHistory NONE = (service, signal) -> Optional.empty();

    Optional<LearnedBaseline> find(NodeId service, String signal);
  }

  /**
   * A check that judges against a learned baseline's stored range instead of reading the week, when
   * {@link #storedRange} accepts it, and reads the week otherwise.
   *
   * @throws IntegrationFailure when the store cannot answer (retry the step when {@code retryable()})
   */
  public Result run(MetricSource source, LearnedHistory learned, String service, List<SignalTemplate> signals,
      WatchWindows windows, Duration rateWindow, Duration step) throws IntegrationFailure {
    List<MetricWindows> plan = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    List<List<String>> notes = new ArrayList<>();
    List<Series[]> read = new ArrayList<>();
    List<Optional<Instant>> stored = new ArrayList<>();
    Duration historyStep = max(step, HISTORY_STEP);
    for (SignalTemplate signal : signals) {
      String query = signal.render(service, QueryDuration.format(rateWindow));
      List<String> signalNotes = new ArrayList<>();
      Series before = read(source, query, windows.before(), step, "before", signalNotes);
      Series after = read(source, query, windows.after(), step, "after", signalNotes);
      Series lastWeek = read(source, query, windows.lastWeek(), step, "last week", signalNotes);
      Optional<LearnedBaseline> baseline = learned.find(NodeId.service(service), signal.name());
      Optional<LearnedBaseline.Range> range = baseline.flatMap(b -> storedRange(b, query, windows.history(),
          historyStep));
      HistoryRange history;
      Series historyValues = null;
      if (range.isPresent()) {
        LearnedBaseline.Range r = range.get();
        history = new HistoryRange(r.values(), r.low(), r.high(), r.p10(), r.median(), r.p90(), 0);
        historyValues = baseline.flatMap(LearnedBaseline::recent).map(v -> within(v, windows.history()))
            .orElse(null);
      } else {
        historyValues = read(source, query, windows.history(), historyStep, "history", signalNotes);
        history = HistoryRange.of(historyValues);
      }
      if (lastWeek.isEmpty()) {
        signalNotes.add("no data a week back (a new service?): judged against the window before the deploy only");
      }
      plan.add(new MetricWindows(signal.name(), before, after, lastWeek.isEmpty() ? null : lastWeek,
          signal.direction(), signal.tolerance(), history.values() < 2 ? null : history,
          history.values() < 2 ? null : historyValues));
      queries.add(query);
      notes.add(signalNotes);
      read.add(new Series[] {before, after, lastWeek});
      stored.add(range.isPresent() ? baseline.map(LearnedBaseline::learnedTo) : Optional.empty());
    }
    PlanVerdict verdict = judge.judgePlan(plan);
    List<SignalResult> results = new ArrayList<>();
    for (int i = 0; i < signals.size(); i++) {
      Series[] windows3 = read.get(i);
      results.add(new SignalResult(signals.get(i), queries.get(i), verdict.metrics().get(i), notes.get(i),
          windows3[0], windows3[1], windows3[2], stored.get(i)));
    }
    return new Result(verdict, results, windows);
  }

  /**
   * How stale a stored week may be: the graph relearns baselines hourly by default, and a refresh takes a
   * while; the minutes it misses are the ones just before the check's before-window.
   */
  static final Duration MAX_BASELINE_AGE = Duration.ofMinutes(90);

  /**
   * A learned baseline's range, when it stands for the week the check would read: the same query (template
   * and rate window), read at the same step, learned from no sample after the history's end (a baseline
   * learned after a deploy knows the deploy's own samples, which would hide a regression inside the range),
   * at most {@link #MAX_BASELINE_AGE} before that end, and reaching back as far as the history does, give or
   * take that age.
   */
  static Optional<LearnedBaseline.Range> storedRange(LearnedBaseline b, String query, TimeRange history,
      Duration historyStep) {
    if (b.range().isEmpty() || !b.query().equals(query) || !b.step().equals(historyStep)
        || b.learnedTo().isAfter(history.end())
        || Duration.between(b.learnedTo(), history.end()).compareTo(MAX_BASELINE_AGE) > 0
        || b.learnedFrom().isAfter(history.start().plus(MAX_BASELINE_AGE))) {
      return Optional.empty();
    }
    return b.range();
  }

  /**
   * A stored baseline's values inside the history window, as the judge's anomaly check and its count of past
   * shifts take them. A gap and a 0/0 are alike in the stored form (NaN), so both are left out, where a read
   * of the week leaves out the one and counts the other as skipped: the judgement is the same.
   */
  static Series within(LearnedBaseline.Values values, TimeRange window) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Instant t = values.at(i);
      if (!t.isBefore(window.start()) && !t.isAfter(window.end()) && !Double.isNaN(values.value(i))) {
        samples.add(new Sample(t, values.value(i)));
      }
    }
    return Series.of(samples);
  }

  private static Series read(MetricSource source, String query, TimeRange range, Duration step, String window,
      List<String> notes) throws IntegrationFailure {
    QueryResult result = source.queryRange(query, range, step);
    if (!(result instanceof QueryResult.Matrix matrix) || matrix.series().isEmpty()) {
      return Series.of(List.of());
    }
    if (matrix.series().size() > 1) {
      notes.add(window + ": the query returned " + matrix.series().size() + " series; the first was judged"
          + " (aggregate the template to one series)");
    }
    List<Sample> samples = new ArrayList<>();
    int infinite = 0;
    for (dev.vigil.core.metrics.Sample s : matrix.series().getFirst().samples()) {
      // A quantile past the last histogram bucket comes back as +Inf: unmeasurable, so counted as missing.
      boolean finite = Double.isFinite(s.value()) || Double.isNaN(s.value());
      infinite += finite ? 0 : 1;
      samples.add(new Sample(s.time(), finite ? s.value() : Double.NaN));
    }
    if (infinite > 0) {
      notes.add(window + ": " + infinite + " values beyond the histogram's last bucket were left out");
    }
    return Series.of(samples);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
