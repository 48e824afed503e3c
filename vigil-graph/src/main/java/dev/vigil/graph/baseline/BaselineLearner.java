package dev.vigil.graph.baseline;

import dev.vigil.analysis.baseline.BaselineEstimate;
import dev.vigil.analysis.baseline.BaselineSettings;
import dev.vigil.analysis.baseline.SeasonalBaseline;
import dev.vigil.analysis.judge.HistoryRange;
import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.QueryDuration;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Sample;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.BaselineStore;
import dev.vigil.core.port.MetricSource;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns, keeps and answers the baselines of the graph's services: for each service and signal it
 * reads {@code history} of the signal at {@code step} from the metric store, feeds it to the analysis
 * module's {@link SeasonalBaseline}, and stores what normal is in each hour of the week. Checks then
 * ask {@link #find} instead of reading a week of history themselves. A refresh relearns everything from
 * the store (the stored form is the summary and the last week's values, not the whole history); a signal
 * without data for a service is skipped, and a store that cannot be reached keeps the baselines learned
 * before. Refreshes are serialised; {@link #find} is lock-free.
 */
public final class BaselineLearner {
  private static final Logger log = LoggerFactory.getLogger(BaselineLearner.class);

  /**
   * A signal to learn, as PromQL with {@code $service} and {@code $window} placeholders (the deploy
   * watch's and signal check's templates).
   */
  public record Signal(String name, String query) {
    public Signal {
      if (name == null || name.isBlank() || query == null || !query.contains("$service")) {
        throw new IllegalArgumentException("a baseline signal needs a name and a query naming $service");
      }
    }

    String render(String service, Duration window) {
      return query.replace("$service", service).replace("$window", QueryDuration.format(window));
    }
  }

  /** What one refresh learned: baselines written, signals without data, and failures by service and signal. */
  public record Report(Instant at, int learned, int withoutData, Map<String, String> failed, Duration took) {
    public Report {
      failed = Map.copyOf(failed);
    }
  }

  private final Supplier<MetricSource> metrics;
  private final List<Signal> signals;
  private final Duration history;
  private final Duration step;
  private final Duration window;
  private final Clock clock;
  private final BaselineStore store;
  private final BaselineSettings settings;
  private final Map<String, LearnedBaseline> learned = new ConcurrentHashMap<>();

  /**
   * @param metrics looked up at each refresh, so a rotated credential is used at once
   * @param history how much history each refresh reads, at least a day (a week sees every hour of the week)
   * @param step the spacing of the values read, at most an hour
   * @param window the signals' {@code $window}; with {@code step} the same as a check's, the check can judge
   *     against the stored week instead of reading it (see {@link LearnedBaseline#range()})
   */
  public BaselineLearner(Supplier<MetricSource> metrics, List<Signal> signals, Duration history, Duration step,
      Duration window, Clock clock, BaselineStore store) {
    if (metrics == null || signals == null || signals.isEmpty() || clock == null || store == null) {
      throw new IllegalArgumentException("a baseline learner needs a metric store, signals, a clock and a store");
    }
    if (history == null || history.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("baselines need at least a day of history, was " + history);
    }
    if (step == null || step.toSeconds() < 1 || step.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("the baseline step must be within 1s..1h, was " + step);
    }
    if (window == null || window.compareTo(step) < 0) {
      throw new IllegalArgumentException("the baseline's rate window must be at least its step (" + step + "), was "
          + window);
    }
    this.metrics = metrics;
    this.signals = List.copyOf(signals);
    this.history = history;
    this.step = step;
    this.window = window;
    this.clock = clock;
    this.store = store;
    // Enough values per hour of the week to keep a month of it at the step, never fewer than the minimum.
    int perHour = (int) Math.max(5, Duration.ofHours(1).dividedBy(step));
    this.settings = new BaselineSettings(ZoneOffset.UTC, Math.max(5, perHour * 4), Math.min(5, perHour * 4), 0.01,
        1e-9);
  }

  /** Loads the stored baselines, so they answer before the first refresh. */
  public void restore() {
    store.list().forEach(b -> learned.put(key(b.service(), b.signal()), b));
  }

  /** The baseline of a signal of a service, if one was learned. */
  public Optional<LearnedBaseline> find(NodeId service, String signal) {
    return Optional.ofNullable(learned.get(key(service, signal)));
  }

  public List<String> signalNames() {
    return signals.stream().map(Signal::name).toList();
  }

  /** Relearns every signal of every service from the metric store, and stores each baseline. */
  public synchronized Report refresh(Collection<NodeId> services) {
    // Whole seconds: what the store keeps, and all a refresh time needs.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    int done = 0;
    int empty = 0;
    Map<String, String> failed = new LinkedHashMap<>();
    MetricSource source;
    try {
      source = metrics.get();
    } catch (RuntimeException e) {
      failed.put("*", e.getMessage());
      log.warn("baselines not refreshed: no metric store reason=\"{}\"", e.getMessage());
      return new Report(now, 0, 0, failed, Duration.between(now, clock.instant()));
    }
    for (NodeId service : services) {
      for (Signal signal : signals) {
        try {
          Optional<LearnedBaseline> baseline = learn(source, service, signal, now);
          if (baseline.isPresent()) {
            store.save(baseline.get());
            learned.put(key(service, signal.name()), baseline.get());
            done++;
          } else {
            empty++;
          }
        } catch (IntegrationFailure | RuntimeException e) {
          failed.put(service.name() + " " + signal.name(), e.getMessage());
        }
      }
    }
    Duration took = Duration.between(now, clock.instant());
    log.info("baselines refreshed services={} learned={} without_data={} failed={} took_ms={}", services.size(), done,
        empty, failed.size(), took.toMillis());
    return new Report(now, done, empty, failed, took);
  }

  /**
   * Prometheus answers at most 11,000 points a series per query: a week at one a minute is 10,080, longer
   * histories are read in parts.
   */
  private static final int POINTS_PER_QUERY = 10_000;

  /** One signal of one service; empty when the store has no data for it. */
  private Optional<LearnedBaseline> learn(MetricSource source, NodeId service, Signal signal, Instant now)
      throws IntegrationFailure {
    String query = signal.render(service.name(), window);
    Instant from = now.minus(history);
    SeasonalBaseline seasonal = new SeasonalBaseline(settings);
    List<Double> values = new ArrayList<>();
    // The store answers on the grid from + k * step (each part starts on it), so a value's index is its offset.
    long firstRecent = Math.max(0, ceilDiv(Duration.between(from, now.minus(RECENT)), step));
    long recentCount = Duration.between(from, now).dividedBy(step) - firstRecent + 1;
    double[] recent = recentCount > MAX_RECENT_VALUES ? null : new double[(int) recentCount];
    if (recent != null) {
      Arrays.fill(recent, Double.NaN);
    }
    Duration part = step.multipliedBy(POINTS_PER_QUERY - 1);
    boolean any = false;
    for (Instant start = from; !start.isAfter(now); start = start.plus(part).plus(step)) {
      Instant end = start.plus(part).isBefore(now) ? start.plus(part) : now;
      QueryResult result = source.queryRange(query, new TimeRange(start, end), step);
      if (!(result instanceof QueryResult.Matrix matrix) || matrix.series().isEmpty()) {
        continue;
      }
      if (matrix.series().size() > 1) {
        throw new IllegalArgumentException("query gives " + matrix.series().size() + " series, a baseline needs one: "
            + query);
      }
      any = true;
      for (Sample sample : matrix.series().get(0).samples()) {
        seasonal.observe(sample.time(), sample.value());
        if (Double.isFinite(sample.value())) {
          values.add(sample.value());
          Duration offset = Duration.between(from, sample.time());
          long at = offset.dividedBy(step) - firstRecent;
          if (recent != null && at >= 0 && at < recent.length
              && step.multipliedBy(offset.dividedBy(step)).equals(offset)) {
            recent[(int) at] = sample.value();
          }
        }
      }
    }
    if (!any) {
      return Optional.empty();
    }
    int points = values.size();
    Instant monday = now.atZone(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .truncatedTo(ChronoUnit.DAYS).toInstant();
    List<LearnedBaseline.Hour> hours = new ArrayList<>(LearnedBaseline.HOURS_PER_WEEK);
    for (int h = 0; h < LearnedBaseline.HOURS_PER_WEEK; h++) {
      BaselineEstimate estimate = seasonal.expected(monday.plus(Duration.ofMinutes(h * 60L + 30)));
      hours.add(switch (estimate) {
        case BaselineEstimate.Expected e -> new LearnedBaseline.Hour(h, OptionalDouble.of(e.median()), e.spread(),
            e.samples(), e.basis() == BaselineEstimate.Basis.HOUR_OF_WEEK ? LearnedBaseline.Basis.HOUR_OF_WEEK
                : LearnedBaseline.Basis.HOUR_OF_DAY);
        case BaselineEstimate.InsufficientHistory i -> new LearnedBaseline.Hour(h, OptionalDouble.empty(), Double.NaN,
            i.samples(), LearnedBaseline.Basis.INSUFFICIENT);
      });
    }
    Optional<LearnedBaseline.Values> kept = recent == null ? Optional.empty()
        : Optional.of(new LearnedBaseline.Values(from.plus(step.multipliedBy(firstRecent)), step, recent));
    return Optional.of(new LearnedBaseline(service, signal.name(), query, from, now, points, hours, step,
        range(values), kept));
  }

  /**
   * How much of the history's values a baseline keeps: a check's history window is the week before the
   * deploy or the judged minutes (the deploy watch's {@code WatchWindows.WEEK}), which is what the judge's
   * anomaly check and its count of past shifts run over. About 80 KB per signal at one-minute steps.
   */
  static final Duration RECENT = Duration.ofDays(7);

  /**
   * A week at one value a minute: checks read their history at one a minute or coarser, so a baseline learned
   * at a finer step never stands for a check's week, and its values (up to 4.8 MB a signal at 1s) are not kept.
   */
  static final int MAX_RECENT_VALUES = 7 * 24 * 60 + 1;

  private static long ceilDiv(Duration a, Duration b) {
    if (a.isNegative() || a.isZero()) {
      return 0;
    }
    long whole = a.dividedBy(b);
    return b.multipliedBy(whole).equals(a) ? whole : whole + 1;
  }

  /** The whole history's extremes and percentiles, as the judge computes them from a week it reads itself. */
  private static Optional<LearnedBaseline.Range> range(List<Double> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    HistoryRange r = HistoryRange.of(values.stream().mapToDouble(Double::doubleValue).toArray(), 0);
    return Optional.of(new LearnedBaseline.Range(r.values(), r.low(), r.high(), r.p10(), r.median(), r.p90()));
  }

  private static String key(NodeId service, String signal) {
    return service + " " + signal;
  }
}
