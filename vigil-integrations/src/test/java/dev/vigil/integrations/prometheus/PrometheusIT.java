package dev.vigil.integrations.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Series;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import dev.vigil.core.port.MetricSource.Failure;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.promql.LabelScope;
import dev.vigil.integrations.promql.PromqlCorpus;
import dev.vigil.integrations.promql.PromqlParser;
import dev.vigil.integrations.promql.PromqlPrinter;
import dev.vigil.integrations.promql.ScopedMetricSource;
import dev.vigil.integrations.testing.FaultyProxy;
import dev.vigil.integrations.testing.ScriptedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client, the metric source and the label scope against a real Prometheus started by
 * scripts/prometheus.sh, loaded with two hours of history through promtool's OpenMetrics backfill.
 * The history is built so that every answer is known: counters grow at fixed rates, the histogram
 * has fixed bucket rates.
 */
class PrometheusIT {
  private static final Duration HISTORY = Duration.ofHours(2);

  private static ScriptedServer prometheus;
  private static FaultyProxy proxy;
  private static Instant end;
  private static Path workDir;

  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startPrometheus() throws IOException {
    workDir = Files.createTempDirectory("vigil-prom-it");
    // The last sample sits a minute in the past: promtool refuses nothing, Prometheus' head is empty.
    end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
    Path fixture = Files.writeString(workDir.resolve("history.om.txt"), openMetricsHistory(end));
    Path rules = Files.writeString(workDir.resolve("rules.yml"), """
        groups:
          - name: vigil-it
            interval: 1s
            rules:
              - record: namespace:http_requests:rate5m
                expr: sum by (namespace) (rate(http_requests_total[5m]))
              - alert: VigilAlwaysFiring
                expr: vector(1)
                labels: {severity: info}
                annotations: {summary: "fires at once so the alerts API has something to show"}
        """);
    Path config = Files.writeString(workDir.resolve("prometheus.yml"), """
        global:
          evaluation_interval: 1s
        rule_files:
          - %s
        """.formatted(rules));
    prometheus = ScriptedServer.start("prometheus", "--openmetrics", fixture.toString(), "--config",
        config.toString());
    proxy = new FaultyProxy(URI.create(prometheus.get("VIGIL_PROM_URL")));
  }

  @AfterAll
  static void stopPrometheus() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (workDir != null) {
      try (var files = Files.walk(workDir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void resetProxy() {
    proxy.reset();
  }

  /**
   * Per minute for two hours: {@code up} for three targets in two namespaces; requests growing 60
   * (payments 200), 6 (payments 500) and 120 (checkout 200) per minute; a latency histogram whose
   * buckets grow 30 (le 0.1), 54 (le 0.5) and 60 (+Inf) per minute; and a gauge that is NaN.
   */
  static String openMetricsHistory(Instant end) {
    StringBuilder out = new StringBuilder();
    long minutes = HISTORY.toMinutes();
    Map<String, Integer> up = Map.of(
        "{namespace=\"payments\",service=\"api\",instance=\"a\"}", 1,
        "{namespace=\"payments\",service=\"worker\",instance=\"b\"}", 1,
        "{namespace=\"checkout\",service=\"api\",instance=\"c\"}", 1);
    out.append("# TYPE up gauge\n");
    up.keySet().stream().sorted().forEach(labels -> series(out, "up" + labels, minutes, end, i -> 1));
    out.append("# TYPE http_requests counter\n");
    series(out, "http_requests_total{namespace=\"payments\",service=\"api\",code=\"200\"}", minutes, end, i -> i * 60);
    series(out, "http_requests_total{namespace=\"payments\",service=\"api\",code=\"500\"}", minutes, end, i -> i * 6);
    series(out, "http_requests_total{namespace=\"checkout\",service=\"api\",code=\"200\"}", minutes, end,
        i -> i * 120);
    out.append("# TYPE request_duration_seconds histogram\n");
    for (long i = 0; i <= minutes; i++) {
      long t = end.minus(Duration.ofMinutes(minutes - i)).getEpochSecond();
      String labels = "namespace=\"payments\",service=\"api\"";
      out.append("request_duration_seconds_bucket{").append(labels).append(",le=\"0.1\"} ").append(i * 30)
          .append(' ').append(t).append('\n');
      out.append("request_duration_seconds_bucket{").append(labels).append(",le=\"0.5\"} ").append(i * 54)
          .append(' ').append(t).append('\n');
      out.append("request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ").append(i * 60)
          .append(' ').append(t).append('\n');
      out.append("request_duration_seconds_count{").append(labels).append("} ").append(i * 60).append(' ')
          .append(t).append('\n');
      out.append("request_duration_seconds_sum{").append(labels).append("} ").append(i * 12).append(' ')
          .append(t).append('\n');
    }
    out.append("# TYPE cache_hit_ratio gauge\n");
    series(out, "cache_hit_ratio{namespace=\"payments\",service=\"api\"}", minutes, end, i -> Double.NaN);
    return out.append("# EOF\n").toString();
  }

  private static void series(StringBuilder out, String name, long minutes, Instant end,
      java.util.function.LongFunction<Number> value) {
    for (long i = 0; i <= minutes; i++) {
      Number v = value.apply(i);
      String text = v instanceof Double d && d.isNaN() ? "NaN" : v.toString();
      out.append(name).append(' ').append(text).append(' ')
          .append(end.minus(Duration.ofMinutes(minutes - i)).getEpochSecond()).append('\n');
    }
  }

  private PrometheusClient client(PrometheusConfig config) {
    return new PrometheusClient(config, HttpClient.newHttpClient(), Clock.systemUTC(), waits::add);
  }

  private PrometheusClient direct() {
    return client(PrometheusConfig.of(URI.create(prometheus.get("VIGIL_PROM_URL"))));
  }

  private PrometheusConfig viaProxy() {
    return PrometheusConfig.of(proxy.uri())
        .withRetry(new PrometheusConfig.Retry(3, Duration.ofMillis(50), Duration.ofMillis(200)));
  }

  private static Map<String, Double> byLabel(QueryResult result, String label) {
    return ((QueryResult.Vector) result).series().stream().collect(Collectors.toMap(
        s -> s.labels().get(label).orElse(""), s -> s.last().value()));
  }

  // ---- queries ---------------------------------------------------------------------------------

  @Test
  void instant_query_returns_the_backfilled_rates() throws Failure {
    QueryResult result = direct().query("sum by (namespace) (rate(http_requests_total[5m]))", end);
    Map<String, Double> rates = byLabel(result, "namespace");
    assertThat(rates.keySet()).containsExactlyInAnyOrder("payments", "checkout");
    assertThat(rates.get("payments")).isCloseTo(1.1, within(1e-9));
    assertThat(rates.get("checkout")).isCloseTo(2.0, within(1e-9));
    assertThat(((QueryResult.Vector) result).series().getFirst().last().time()).isEqualTo(end);
  }

  @Test
  void histogram_quantile_over_summed_bucket_rates_is_interpolated_within_its_bucket() throws Failure {
    QueryResult result = direct().query(
        "histogram_quantile(0.7, sum by (le) (rate(request_duration_seconds_bucket{service=\"api\"}[5m])))", end);
    // Bucket rates 0.5, 0.9, 1.0 per second: rank 0.7 falls in (0.1, 0.5] halfway, so 0.3.
    assertThat(((QueryResult.Vector) result).series().getFirst().last().value()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void nan_values_arrive_as_nan() throws Failure {
    QueryResult result = direct().query("cache_hit_ratio", end);
    assertThat(((QueryResult.Vector) result).series().getFirst().last().value()).isNaN();
    QueryResult scalar = direct().query("0 / 0", end);
    assertThat(((QueryResult.Scalar) scalar).sample().value()).isNaN();
  }

  @Test
  void range_query_returns_one_point_per_step_across_the_range() throws Failure {
    TimeRange range = TimeRange.ending(end, Duration.ofMinutes(30));
    QueryResult result = direct().queryRange("sum(rate(http_requests_total{namespace=\"checkout\"}[5m]))", range,
        Duration.ofMinutes(1));
    Series series = ((QueryResult.Matrix) result).series().getFirst();
    assertThat(series.samples()).hasSize(31);
    assertThat(series.samples()).allSatisfy(s -> assertThat(s.value()).isCloseTo(2.0, within(1e-9)));
    assertThat(series.samples().getFirst().time()).isEqualTo(range.start());
  }

  @Test
  void series_labels_and_label_values_list_what_was_backfilled() throws Failure {
    TimeRange range = TimeRange.ending(end, Duration.ofHours(1));
    List<Labels> up = direct().series(List.of("up"), range);
    assertThat(up).extracting(l -> l.get("instance").orElseThrow()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(direct().labelNames(List.of(), range)).contains("__name__", "namespace", "service", "le", "code");
    assertThat(direct().labelValues("namespace", List.of(), range)).containsExactly("checkout", "payments");
    assertThat(direct().labelValues("code", List.of("http_requests_total{namespace=\"payments\"}"), range))
        .containsExactly("200", "500");
  }

  @Test
  void rules_and_alerts_show_the_loaded_rule_file() throws Exception {
    PrometheusClient client = direct();
    List<ActiveAlert> alerts = List.of();
    Instant deadline = Instant.now().plusSeconds(15);
    while (alerts.isEmpty() && Instant.now().isBefore(deadline)) {
      alerts = client.alerts();
      if (alerts.isEmpty()) {
        Thread.sleep(200);
      }
    }
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.labels().get("alertname")).contains("VigilAlwaysFiring");
      assertThat(a.state()).isEqualTo("firing");
      assertThat(a.value()).isEqualTo(1.0);
    });
    RuleGroup group = client.rules().getFirst();
    assertThat(group.name()).isEqualTo("vigil-it");
    assertThat(group.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(group.rules()).extracting(Rule::type).containsExactly(Rule.Type.RECORDING, Rule.Type.ALERTING);
    // Backfilled series carry no metadata (it comes from scrapes); the call itself must work.
    assertThat(client.metadata(Optional.empty())).isEmpty();
  }

  // ---- the parser against the real one ---------------------------------------------------------

  @Test
  void prometheus_accepts_every_valid_query_as_written_printed_and_scoped() throws Failure {
    PrometheusClient client = direct();
    LabelScope scope = LabelScope.fromGrantScope(List.of("{namespace=\"payments\"}"));
    for (String query : PromqlCorpus.VALID) {
      for (String form : List.of(query, PromqlPrinter.print(PromqlParser.parse(query)), scope.enforce(query))) {
        try {
          client.query(form, end);
        } catch (Failure f) {
          throw new AssertionError("Prometheus rejected '" + form + "' (from '" + query + "'): " + f.getMessage(), f);
        }
      }
    }
  }

  @Test
  void prometheus_rejects_every_query_the_parser_rejects() {
    PrometheusClient client = direct();
    for (String query : PromqlCorpus.INVALID) {
      assertThatThrownBy(() -> client.query(query, end)).as(query)
          .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.INVALID));
    }
  }

  // ---- failures --------------------------------------------------------------------------------

  @Test
  void a_malformed_query_is_invalid_and_not_retried() {
    PrometheusClient client = client(viaProxy());
    assertThatThrownBy(() -> client.query("sum(rate(x[5m])", end))
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(f.kind()).isEqualTo(Failure.Kind.INVALID);
          assertThat(f.getMessage()).contains("HTTP 400", "bad_data");
        });
    assertThat(proxy.seen()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void server_errors_are_retried_with_growing_waits_until_an_answer_comes() throws Failure {
    proxy.failNext(2, 503);
    QueryResult result = client(viaProxy()).query("count(up)", end);
    assertThat(((QueryResult.Vector) result).series().getFirst().last().value()).isEqualTo(3.0);
    assertThat(proxy.seen()).hasSize(3);
    assertThat(waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
  }

  @Test
  void persistent_server_errors_give_up_after_the_last_attempt_as_unavailable() {
    proxy.failNext(10, 502);
    assertThatThrownBy(() -> client(viaProxy()).query("up", end))
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(f.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
          assertThat(f.retryable()).isTrue();
          assertThat(f.getMessage()).contains("HTTP 502", "injected by the test proxy");
        });
    assertThat(proxy.seen()).hasSize(3);
  }

  @Test
  void rate_limiting_is_retried_but_other_client_errors_are_not() throws Failure {
    proxy.failNext(1, 429);
    assertThat(client(viaProxy()).query("vector(1)", end)).isInstanceOf(QueryResult.Vector.class);
    assertThat(proxy.seen()).hasSize(2);
    proxy.reset();
    proxy.failNext(5, 403);
    assertThatThrownBy(() -> client(viaProxy()).query("vector(1)", end))
        .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.INVALID));
    assertThat(proxy.seen()).hasSize(1);
  }

  @Test
  void a_stalled_server_fails_within_the_call_timeout() {
    proxy.stall(Duration.ofSeconds(3));
    PrometheusConfig config = viaProxy().withTimeout(Duration.ofMillis(400));
    long started = System.nanoTime();
    assertThatThrownBy(() -> client(config).query("up", end))
        .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void nobody_listening_is_unavailable_after_the_retries() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PrometheusConfig config = PrometheusConfig.of(URI.create("http://127.0.0.1:" + port))
        .withRetry(new PrometheusConfig.Retry(3, Duration.ofMillis(10), Duration.ofMillis(20)));
    assertThatThrownBy(() -> client(config).query("up", end))
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(f.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
          assertThat(f.getMessage()).contains("ConnectException");
        });
    assertThat(waits).hasSize(2);
  }

  @Test
  void answers_over_the_byte_or_series_limit_are_refused_naming_the_limit() {
    PrometheusConfig bytes = viaProxy().withLimits(new PrometheusConfig.Limits(300, 10_000));
    assertThatThrownBy(() -> client(bytes).query("{__name__=~\".+\"}", end))
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(f.kind()).isEqualTo(Failure.Kind.TOO_LARGE);
          assertThat(f.getMessage()).contains("limit of 300 bytes");
        });
    PrometheusConfig series = viaProxy().withLimits(new PrometheusConfig.Limits(1 << 20, 2));
    assertThatThrownBy(() -> client(series).query("up", end))
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(f.kind()).isEqualTo(Failure.Kind.TOO_LARGE);
          assertThat(f.getMessage()).contains("3 series, more than the limit of 2");
        });
  }

  @Test
  void credentials_and_tenant_travel_as_headers() throws Failure {
    client(viaProxy().withAuthentication(new PrometheusConfig.Authentication.Basic("vigil", new Secret("pw")))
        .withTenant("team-payments")).query("vector(1)", end);
    client(viaProxy().withAuthentication(new PrometheusConfig.Authentication.Bearer(new Secret("tok"))))
        .labelNames(List.of(), TimeRange.ending(end, Duration.ofMinutes(5)));
    List<FaultyProxy.SeenRequest> seen = proxy.seen();
    assertThat(seen.get(0).header("Authorization")).isEqualTo("Basic dmlnaWw6cHc=");
    assertThat(seen.get(0).header("X-Scope-OrgID")).isEqualTo("team-payments");
    assertThat(seen.get(1).header("Authorization")).isEqualTo("Bearer tok");
    assertThat(seen.get(1).header("X-Scope-OrgID")).isNull();
  }

  // ---- label scope -------------------------------------------------------------------------------

  private MetricSource scoped(String... scope) {
    return new ScopedMetricSource(new PrometheusMetricSource("prom-it", direct()),
        LabelScope.fromGrantScope(List.of(scope)));
  }

  @Test
  void a_scoped_query_sees_only_its_namespace() throws Failure {
    MetricSource payments = scoped("{namespace=\"payments\"}");
    Map<String, Double> rates = byLabel(payments.query("sum by (namespace) (rate(http_requests_total[5m]))", end),
        "namespace");
    assertThat(rates).containsOnlyKeys("payments");
    QueryResult total = payments.query("count(up) + on() group_left count(up offset 1h)", end);
    assertThat(((QueryResult.Vector) total).series().getFirst().last().value()).isEqualTo(4.0);
    // Payments holds 10 series: 2 up, 2 request counters, 3 buckets, count, sum and the ratio; checkout 2 more.
    QueryResult everything = payments.query("count({__name__=~\".+\"})", end);
    assertThat(((QueryResult.Vector) everything).series().getFirst().last().value()).isEqualTo(10.0);
  }

  @Test
  void a_scoped_query_naming_another_namespace_is_denied_before_it_is_sent() {
    MetricSource payments = scoped("{namespace=\"payments\"}");
    assertThatThrownBy(() -> payments.query("sum(rate(http_requests_total{namespace=\"checkout\"}[5m]))", end))
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(f.kind()).isEqualTo(Failure.Kind.DENIED);
          assertThat(f.retryable()).isFalse();
        });
  }

  @Test
  void scoped_negations_and_regexes_cannot_widen_the_scope() throws Failure {
    MetricSource payments = scoped("{namespace=\"payments\"}");
    QueryResult widened = payments.query("count(up{namespace!=\"payments\"}) or count(up{namespace=~\".*\"})", end);
    assertThat(((QueryResult.Vector) widened).series()).singleElement()
        .satisfies(s -> assertThat(s.last().value()).isEqualTo(2.0));
  }

  @Test
  void scoped_series_and_label_apis_list_only_the_namespace() throws Failure {
    MetricSource checkout = scoped("{namespace=\"checkout\"}");
    TimeRange range = TimeRange.ending(end, Duration.ofHours(1));
    assertThat(checkout.labelValues("namespace", List.of(), range)).containsExactly("checkout");
    assertThat(checkout.labelValues("__name__", List.of(), range)).containsExactly("http_requests_total", "up");
    assertThat(checkout.series(List.of("up"), range)).extracting(l -> l.get("instance").orElseThrow())
        .containsExactly("c");
    assertThat(checkout.labelNames(List.of(), range)).contains("code").doesNotContain("le");
    assertThatThrownBy(() -> checkout.series(List.of("up{namespace=\"payments\"}"), range))
        .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.DENIED));
  }

  @Test
  void a_scope_of_two_namespaces_reads_both_and_nothing_else() throws Failure {
    MetricSource both = scoped("{namespace=\"payments\"}", "{namespace=\"checkout\"}");
    List<String> namespaces = new ArrayList<>(byLabel(both.query("count by (namespace) (up)", end), "namespace")
        .keySet());
    assertThat(namespaces).containsExactlyInAnyOrder("payments", "checkout");
  }
}
