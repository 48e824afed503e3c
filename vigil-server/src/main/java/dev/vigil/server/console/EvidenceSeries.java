package dev.vigil.server.console;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Sample;
import dev.vigil.core.metrics.Series;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.IntegrationConnections;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.ConfiguredIntegrations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The series behind a finding's evidence, for the finding page's interactive chart: the evidence's
 * query over its range and as long again before it (the change marked where the range starts), the
 * same hours a week earlier as the baseline, and the band the values kept before the change. Read
 * from the Prometheus integration the filing agent may read, with that agent's grants (so the chart
 * shows no more than the agent could), and audited as the person who asked.
 */
@Component
public class EvidenceSeries {
  /** At most this many points per line: enough for a chart a screen wide. */
  private static final int POINTS = 300;
  private static final Duration MIN_STEP = Duration.ofSeconds(15);
  private static final Duration WEEK = Duration.ofDays(7);
  private static final String READ = "metrics:read";
  private final AgentStore agents;
  private final IntegrationStore integrations;
  private final IntegrationConnections connections;
  private final AuditLog audit;
  private final Clock clock;

  public EvidenceSeries(AgentStore agents, IntegrationStore integrations, SecretResolver secrets, AuditLog audit,
      Clock clock) {
    this.agents = agents;
    this.integrations = integrations;
    this.connections = new ConfiguredIntegrations(integrations, secrets);
    this.audit = audit;
    this.clock = clock;
  }

  /** The Prometheus integration the finding's agent may read metrics from, if any. */
  public Optional<IntegrationConfig> source(Finding finding) {
    Optional<Agent> agent = agents.find(finding.agent());
    if (agent.isEmpty()) return Optional.empty();
    return agent.get().grants().stream().filter(g -> g.permission().equals(READ)).map(Grant::integration).distinct()
        .map(integrations::find).flatMap(Optional::stream)
        .filter(i -> i.type() == IntegrationType.PROMETHEUS).findFirst();
  }

  /**
   * The chart's data as uPlot reads it: {@code x} in epoch seconds, {@code now} and {@code lastWeek}
   * aligned on it ({@code null} where a line has no point), {@code low}/{@code high} the band before
   * the change, {@code marker} the change.
   *
   * @throws IllegalArgumentException when no integration can be read or the query gives no series
   */
  public Map<String, Object> read(Finding finding, int index, ConsoleSession session) throws IntegrationFailure {
    if (index < 0 || index >= finding.evidence().size()) throw new IllegalArgumentException("no evidence " + index);
    Evidence e = finding.evidence().get(index);
    IntegrationConfig integration = source(finding).orElseThrow(() -> new IllegalArgumentException(
        "agent '" + finding.agent() + "' reads metrics from no prometheus integration"));
    Agent agent = agents.find(finding.agent()).orElseThrow();
    Duration length = Duration.between(e.from(), e.to());
    if (length.isZero()) length = Duration.ofMinutes(15);
    Instant start = e.from().minus(length);
    Duration step = Duration.ofSeconds(Math.max(MIN_STEP.toSeconds(), Duration.between(start, e.to()).toSeconds() / POINTS));
    MetricSource metrics = connections.metrics(integration, agent.grants(), UnaryOperator.identity());
    long t0 = System.nanoTime();
    String result = "ok";
    try {
      List<Sample> now = first(metrics.queryRange(e.query(), new TimeRange(start, e.to()), step));
      List<Sample> lastWeek = first(metrics.queryRange(e.query(), new TimeRange(start.minus(WEEK), e.to().minus(WEEK)), step));
      return chart(e, now, lastWeek);
    } catch (IntegrationFailure | RuntimeException ex) {
      result = "failed: " + ex.getMessage();
      throw ex;
    } finally {
      audit.record(new AuditEntry(clock.instant(), session.actor(), "", integration.name(), "metrics:query_range",
          e.query(), result, Duration.ofNanos(System.nanoTime() - t0)));
    }
  }

  private static List<Sample> first(QueryResult result) {
    if (result instanceof QueryResult.Matrix m && !m.series().isEmpty()) {
      // A query of several series is drawn as its first: evidence queries aggregate to one.
      Series s = m.series().get(0);
      return s.samples();
    }
    return List.of();
  }

  private static Map<String, Object> chart(Evidence e, List<Sample> now, List<Sample> lastWeek) {
    if (now.isEmpty()) throw new IllegalArgumentException("the query gave no series over " + e.from() + " - " + e.to());
    TreeMap<Long, Double[]> byTime = new TreeMap<>();
    for (Sample s : now) byTime.computeIfAbsent(s.time().getEpochSecond(), t -> new Double[2])[0] = s.value();
    for (Sample s : lastWeek) {
      byTime.computeIfAbsent(s.time().plus(WEEK).getEpochSecond(), t -> new Double[2])[1] = s.value();
    }
    List<Long> x = new ArrayList<>();
    List<Double> nowLine = new ArrayList<>();
    List<Double> weekLine = new ArrayList<>();
    byTime.forEach((t, v) -> {
      x.add(t);
      nowLine.add(finite(v[0]));
      weekLine.add(finite(v[1]));
    });
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Sample s : now) {
      if (s.time().isBefore(e.from()) && Double.isFinite(s.value())) {
        low = Math.min(low, s.value());
        high = Math.max(high, s.value());
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", e.query());
    m.put("x", x);
    m.put("now", nowLine);
    m.put("lastWeek", weekLine);
    if (Double.isFinite(low)) {
      m.put("low", low);
      m.put("high", high);
    }
    m.put("marker", e.from().getEpochSecond());
    return m;
  }

  private static Double finite(Double v) {
    return v == null || !Double.isFinite(v) ? null : v;
  }
}
