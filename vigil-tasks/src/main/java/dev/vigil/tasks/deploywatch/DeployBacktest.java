package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Sample;
import dev.vigil.core.metrics.Series;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a deploy watch would have said about past deploys: finds them in the metrics store and runs
 * each check as of its planned time, exactly as the live watch does ({@link DeployCheck} reads no
 * sample after a check's time), so that a team can tune its signals on its own history first.
 */
public final class DeployBacktest {
  /** Where past deploys are read when none are given: a process that starts anew is a new release. */
  public static final String DEFAULT_DEPLOY_QUERY = "max by (instance) (process_start_time_seconds{service=\"$service\"})";

  /** Restarts of several instances this close together are one rolling deploy. */
  static final Duration ROLLOUT = Duration.ofMinutes(10);

  /** One point a minute: a week of start times is then about 10,000 points, under Prometheus' 11,000. */
  private static final Duration SCAN_STEP = Duration.ofMinutes(1);
  private static final Duration SCAN_CHUNK = Duration.ofDays(7);

  private final DeployCheck check = new DeployCheck();

  /**
   * A deploy of the past.
   *
   * @param service the service deployed
   * @param deployedAt when its (first) new process started
   * @param origin where it was found: {@code process start} or {@code file}
   */
  public record PastDeploy(String service, Instant deployedAt, String origin) {
    public PastDeploy {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(deployedAt, "deployedAt");
      Objects.requireNonNull(origin, "origin");
    }
  }

  /**
   * How the watch is configured, as the task's parameters would set it.
   *
   * @param checks the checks' delays after the deploy, in order (the task's {@code early}, {@code late})
   */
  public record Settings(List<SignalTemplate> signals, List<Duration> checks, Duration before, Duration rateWindow,
      Duration step) {
    public Settings {
      signals = List.copyOf(signals);
      checks = List.copyOf(checks);
      if (signals.isEmpty() || checks.isEmpty()) {
        throw new IllegalArgumentException("a backtest needs at least one signal and one check delay");
      }
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(rateWindow, "rateWindow");
      Objects.requireNonNull(step, "step");
    }
  }

  /** One check of a past deploy, judged as of {@code deployedAt + delay}. */
  public record CheckOutcome(Duration delay, DeployCheck.Result result) {
    public CheckOutcome {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * What the watch would have said about one deploy.
   *
   * @param checks the checks that were due by the backtest's time, in order
   */
  public record Outcome(PastDeploy deploy, List<CheckOutcome> checks) {
    public Outcome {
      Objects.requireNonNull(deploy, "deploy");
      checks = List.copyOf(checks);
    }

    /**
     * The watch's verdict: FAIL as soon as one check failed (the live watch has then already posted
     * the failure and filed a finding), else the last check's. Empty when no check was due yet.
     */
    public Optional<Verdict> verdict() {
      return decidingCheck().map(c -> c.result().verdict().verdict());
    }

    /** The check that decided the verdict: the first failing one, else the last. */
    public Optional<CheckOutcome> decidingCheck() {
      return checks.stream().filter(c -> c.result().verdict().verdict() == Verdict.FAIL).findFirst()
          .or(() -> checks.isEmpty() ? Optional.empty() : Optional.of(checks.getLast()));
    }
  }

  /**
   * The deploys of {@code service} in {@code range}, read from the start time of its processes
   * ({@code query} with {@code $service}): each change of an instance's start time is a new process,
   * and restarts within {@link #ROLLOUT} of each other count as one rolling deploy. A crash restart
   * looks the same; give the deploys as a file when that matters.
   *
   * @throws IntegrationFailure when the store cannot answer
   */
  public static List<PastDeploy> findDeploys(MetricSource source, String service, String query, TimeRange range)
      throws IntegrationFailure {
    DeployNotice.requirePlainName(service);
    String promql = query.replace("$service", service);
    TreeSet<Instant> starts = new TreeSet<>();
    for (Instant from = range.start(); from.isBefore(range.end()); from = from.plus(SCAN_CHUNK)) {
      Instant to = from.plus(SCAN_CHUNK).isBefore(range.end()) ? from.plus(SCAN_CHUNK) : range.end();
      QueryResult result = source.queryRange(promql, new TimeRange(from, to), SCAN_STEP);
      if (result instanceof QueryResult.Matrix matrix) {
        for (Series series : matrix.series()) {
          double last = Double.NaN;
          for (Sample s : series.samples()) {
            // The value is the process's own start time, more exact than when the scrape noticed it.
            if (Double.isFinite(s.value()) && s.value() != last) {
              Instant started = Instant.ofEpochSecond((long) s.value());
              if (!started.isBefore(range.start()) && !started.isAfter(range.end())) {
                starts.add(started);
              }
            }
            last = s.value();
          }
        }
      }
    }
    List<PastDeploy> out = new ArrayList<>();
    Instant rolloutStart = null;
    for (Instant start : starts) {
      if (rolloutStart == null || Duration.between(rolloutStart, start).compareTo(ROLLOUT) > 0) {
        out.add(new PastDeploy(service, start, "process start"));
        rolloutStart = start;
      }
    }
    return List.copyOf(out);
  }

  /**
   * Runs every check of {@code deploy} that was due by {@code now}, each as of its own time.
   *
   * @throws IntegrationFailure when the store cannot answer
   */
  public Outcome evaluate(MetricSource source, PastDeploy deploy, Settings settings, Instant now)
      throws IntegrationFailure {
    DeployNotice.requirePlainName(deploy.service());
    List<CheckOutcome> checks = new ArrayList<>();
    for (Duration delay : settings.checks()) {
      Instant checkAt = deploy.deployedAt().plus(delay);
      if (checkAt.isAfter(now)) {
        break;
      }
      WatchWindows windows = WatchWindows.of(deploy.deployedAt(), checkAt, settings.before(), settings.rateWindow());
      checks.add(new CheckOutcome(delay, check.run(source, deploy.service(), settings.signals(), windows,
          settings.rateWindow(), settings.step())));
    }
    return new Outcome(deploy, checks);
  }

  /**
   * A backtest as plain values (maps, lists, strings, numbers; null where nothing could be computed), the
   * shape {@code vigil backtest deploys --json} prints and the backtest API answers: per deploy its verdict and
   * the minute it was decided at, per check its signals and the post the watch would have made.
   */
  public static Map<String, Object> report(String service, TimeRange range, String signals, List<Outcome> outcomes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", service);
    m.put("from", range.start().toString());
    m.put("until", range.end().toString());
    m.put("signals", signals);
    List<Object> deploys = new ArrayList<>();
    for (Outcome r : outcomes) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("service", r.deploy().service());
      d.put("deployedAt", r.deploy().deployedAt().toString());
      d.put("origin", r.deploy().origin());
      d.put("verdict", r.verdict().map(DeployBacktest::word).orElse(null));
      d.put("decidedAtMinute", r.decidingCheck().map(c -> c.delay().toMinutes()).orElse(null));
      DeployNotice notice = notice(r.deploy());
      List<Object> checks = new ArrayList<>();
      for (int i = 0; i < r.checks().size(); i++) {
        CheckOutcome c = r.checks().get(i);
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("atMinute", c.delay().toMinutes());
        cm.put("verdict", word(c.result().verdict().verdict()));
        double score = c.result().verdict().score();
        cm.put("score", Double.isNaN(score) ? null : Math.round(score));
        List<Object> signalList = new ArrayList<>();
        for (DeployCheck.SignalResult sr : c.result().signals()) {
          Map<String, Object> sm = new LinkedHashMap<>();
          sm.put("name", sr.signal().name());
          sm.put("query", sr.query());
          sm.put("verdict", word(sr.judgement().verdict()));
          sm.put("before", finite(sr.judgement().vsBefore().referenceMedian()));
          sm.put("after", finite(sr.judgement().vsBefore().candidateMedian()));
          sm.put("p", finite(sr.judgement().vsBefore().pValue()));
          sm.put("reason", sr.judgement().reason());
          sm.put("notes", sr.notes());
          signalList.add(sm);
        }
        cm.put("signals", signalList);
        cm.put("post", DeployReport.post(notice, c.result(), c.delay(), i == r.checks().size() - 1, ""));
        checks.add(cm);
      }
      d.put("checks", checks);
      deploys.add(d);
    }
    m.put("deploys", deploys);
    return m;
  }

  /** The deploy as the live watch would have named it: its time stands in for a version the metrics do not carry. */
  public static DeployNotice notice(PastDeploy d) {
    return new DeployNotice(d.service(), "@" + d.deployedAt(), "", "", "", d.deployedAt(), "backtest");
  }

  private static String word(Verdict v) {
    return v.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
