package dev.vigil.integrations.prometheus;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.integration.IntegrationFailure.Kind;
import dev.vigil.integrations.prometheus.internal.ApiTransport;
import dev.vigil.integrations.prometheus.internal.PrometheusJson;
import dev.vigil.integrations.prometheus.internal.PrometheusJson.MalformedAnswerException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Prometheus HTTP API ({@code /api/v1}) as Prometheus, Thanos, Mimir and VictoriaMetrics serve
 * it. Every call is bounded by the configured timeout, retried on 5xx/429/connection failures, and
 * refused when its answer exceeds the byte or series limit. Failures are {@link IntegrationFailure}s whose
 * kind says whether to retry. Thread-safe.
 */
public final class PrometheusClient {
  private final PrometheusConfig config;
  private final ApiTransport transport;

  /**
   * @param clock bounds each call's total time (tests move it instead of waiting)
   * @param sleeper waits between attempts
   */
  public PrometheusClient(PrometheusConfig config, HttpClient http, Clock clock, ApiTransport.Sleeper sleeper) {
    if (config == null || http == null || clock == null || sleeper == null) {
      throw new IllegalArgumentException("prometheus client needs a config, an HTTP client, a clock and a sleeper");
    }
    this.config = config;
    this.transport = new ApiTransport(config, http, clock, sleeper);
  }

  /** A client on the system clock that really sleeps between attempts. */
  public static PrometheusClient create(PrometheusConfig config) {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(config.timeout().compareTo(Duration.ofSeconds(5)) < 0 ? config.timeout() : Duration.ofSeconds(5))
        // Never follow redirects: the Authorization header would travel to wherever they point.
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    return new PrometheusClient(config, http, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  public PrometheusConfig config() {
    return config;
  }

  /** {@code /api/v1/query}: {@code promql} evaluated at {@code time}. */
  public QueryResult query(String promql, Instant time) throws IntegrationFailure {
    requireText(promql, "query");
    return queryResult("query", "/api/v1/query", List.of(Map.entry("query", promql), Map.entry("time", unix(time))));
  }

  /** {@code /api/v1/query_range}: {@code promql} evaluated every {@code step} across {@code range}. */
  public QueryResult queryRange(String promql, TimeRange range, Duration step) throws IntegrationFailure {
    requireText(promql, "query");
    if (step == null || step.isNegative() || step.isZero()) {
      throw new IntegrationFailure(Kind.INVALID, "query_range step must be positive, got " + step);
    }
    long points = range.length().toMillis() / step.toMillis() + 1;
    if (points > 11_000) {
      // Prometheus refuses more than 11,000 points per series; say so before the round trip.
      throw new IntegrationFailure(Kind.INVALID, "query_range would return " + points + " points per series (at most 11000):"
          + " use a larger step than " + step);
    }
    return queryResult("query_range", "/api/v1/query_range", List.of(Map.entry("query", promql),
        Map.entry("start", unix(range.start())), Map.entry("end", unix(range.end())),
        Map.entry("step", seconds(step))));
  }

  /** {@code /api/v1/series}: the label sets of series matching any of {@code selectors}. */
  public List<Labels> series(List<String> selectors, TimeRange range) throws IntegrationFailure {
    if (selectors == null || selectors.isEmpty()) {
      throw new IntegrationFailure(Kind.INVALID, "series needs at least one selector");
    }
    ApiTransport.Envelope answer = transport.call("series", "/api/v1/series", withRange(matches(selectors), range),
        true);
    return limited("series", decode(() -> PrometheusJson.labelSets(answer.data())));
  }

  /** {@code /api/v1/labels}: label names, within series matching {@code selectors} if any. */
  public List<String> labelNames(List<String> selectors, TimeRange range) throws IntegrationFailure {
    ApiTransport.Envelope answer = transport.call("labels", "/api/v1/labels", withRange(matches(selectors), range),
        true);
    return limited("labels", decode(() -> PrometheusJson.strings(answer.data())));
  }

  /** {@code /api/v1/label/<name>/values}: the values of {@code label}. */
  public List<String> labelValues(String label, List<String> selectors, TimeRange range) throws IntegrationFailure {
    requireText(label, "label");
    String path = "/api/v1/label/" + URLEncoder.encode(label, StandardCharsets.UTF_8).replace("+", "%20") + "/values";
    ApiTransport.Envelope answer = transport.call("label_values", path, withRange(matches(selectors), range), false);
    return limited("label values", decode(() -> PrometheusJson.strings(answer.data())));
  }

  /** {@code /api/v1/metadata}: type, help and unit per metric family, for one metric or all. */
  public List<MetricMetadata> metadata(Optional<String> metric) throws IntegrationFailure {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    metric.ifPresent(m -> params.add(Map.entry("metric", m)));
    ApiTransport.Envelope answer = transport.call("metadata", "/api/v1/metadata", params, false);
    return limited("metadata", decode(() -> PrometheusJson.metadata(answer.data())));
  }

  /** {@code /api/v1/rules}: recording and alerting rule groups with their health and alerts. */
  public List<RuleGroup> rules() throws IntegrationFailure {
    ApiTransport.Envelope answer = transport.call("rules", "/api/v1/rules", List.of(), false);
    return decode(() -> PrometheusJson.ruleGroups(answer.data()));
  }

  /** {@code /api/v1/alerts}: the alerts the rules hold now, pending and firing. */
  public List<ActiveAlert> alerts() throws IntegrationFailure {
    ApiTransport.Envelope answer = transport.call("alerts", "/api/v1/alerts", List.of(), false);
    return limited("alerts", decode(() -> PrometheusJson.alerts(answer.data())));
  }

  private QueryResult queryResult(String operation, String path, List<Map.Entry<String, String>> params)
      throws IntegrationFailure {
    ApiTransport.Envelope answer = transport.call(operation, path, params, true);
    QueryResult result = decode(() -> PrometheusJson.queryResult(answer.data(), answer.warnings()));
    int count = PrometheusJson.seriesCount(result);
    if (count > config.limits().maxSeries()) {
      throw new IntegrationFailure(Kind.TOO_LARGE, "prometheus " + config.baseUrl() + " " + operation + ": " + count
          + " series, more than the limit of " + config.limits().maxSeries()
          + "; aggregate (sum by ...) or narrow the selectors");
    }
    return result;
  }

  private <T> List<T> limited(String what, List<T> items) throws IntegrationFailure {
    if (items.size() > config.limits().maxSeries()) {
      throw new IntegrationFailure(Kind.TOO_LARGE, "prometheus " + config.baseUrl() + " " + what + ": " + items.size()
          + " entries, more than the limit of " + config.limits().maxSeries() + "; pass narrower selectors");
    }
    return items;
  }

  private <T> T decode(Supplier<T> decoder) throws IntegrationFailure {
    try {
      return decoder.get();
    } catch (MalformedAnswerException | IllegalArgumentException e) {
      throw new IntegrationFailure(Kind.UNAVAILABLE, "prometheus " + config.baseUrl() + " answered in an unexpected shape: "
          + e.getMessage(), e);
    }
  }

  private static List<Map.Entry<String, String>> matches(List<String> selectors) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    if (selectors != null) {
      selectors.forEach(s -> params.add(Map.entry("match[]", s)));
    }
    return params;
  }

  private static List<Map.Entry<String, String>> withRange(List<Map.Entry<String, String>> params, TimeRange range) {
    List<Map.Entry<String, String>> all = new ArrayList<>(params);
    if (range != null) {
      all.add(Map.entry("start", unix(range.start())));
      all.add(Map.entry("end", unix(range.end())));
    }
    return all;
  }

  private static void requireText(String value, String name) throws IntegrationFailure {
    if (value == null || value.isBlank()) {
      throw new IntegrationFailure(Kind.INVALID, name + " must not be empty");
    }
  }

  /** Unix seconds with millisecond precision, the resolution Prometheus keeps. */
  private static String unix(Instant time) {
    return BigDecimal.valueOf(time.toEpochMilli()).movePointLeft(3).toPlainString();
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).toPlainString();
  }

}
