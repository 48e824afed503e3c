package dev.vigil.integrations.prometheus;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.promql.Expr;
import dev.vigil.integrations.promql.LabelScope;
import dev.vigil.integrations.promql.PromqlCorpus;
import dev.vigil.integrations.promql.PromqlParser;
import dev.vigil.integrations.promql.PromqlPrinter;
import dev.vigil.integrations.promql.RandomPromql;
import dev.vigil.integrations.testing.FaultyProxy;
import dev.vigil.integrations.testing.MetricFixture;
import dev.vigil.integrations.testing.MetricSourceContract;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.integrations.testing.TempDirs;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metric source contract, and what only the client does (rules, alerts, retries, limits,
 * headers), against a real Prometheus started by scripts/prometheus.sh and loaded with the
 * {@link MetricFixture} history through promtool's OpenMetrics backfill. Faults are injected by a
 * proxy in front of the real server.
 */
class PrometheusIT extends MetricSourceContract {
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
    Path fixture = Files.writeString(workDir.resolve("history.om.txt"), MetricFixture.openMetrics(end));
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
    TempDirs.delete(workDir);
  }

  @Override
  protected MetricSource source() {
    return new PrometheusMetricSource("prom-it", direct());
  }

  @Override
  protected Instant fixtureEnd() {
    return end;
  }

  @BeforeEach
  void resetProxy() {
    proxy.reset();
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

  // ---- rules, alerts, metadata ----------------------------------------------------------------------

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
  void prometheus_accepts_every_valid_query_as_written_printed_and_scoped() throws IntegrationFailure {
    PrometheusClient client = direct();
    LabelScope scope = LabelScope.fromGrantScope(List.of("{namespace=\"payments\"}"));
    for (String query : PromqlCorpus.VALID) {
      for (String form : List.of(query, PromqlPrinter.print(PromqlParser.parse(query)), scope.enforce(query))) {
        try {
          client.query(form, end);
        } catch (IntegrationFailure f) {
          throw new AssertionError("Prometheus rejected '" + form + "' (from '" + query + "'): " + f.getMessage(), f);
        }
      }
    }
  }

  @Test
  void prometheus_parses_what_the_printer_makes_of_random_trees_scoped_or_not() {
    PrometheusClient client = direct();
    // A label the generator never writes, so no random selector conflicts with the scope.
    LabelScope scope = LabelScope.fromGrantScope(List.of("{tenant=\"t1\"}"));
    RandomPromql random = new RandomPromql(42);
    for (int i = 0; i < 150; i++) {
      Expr tree = i % 3 == 0 ? random.scalar(3) : random.vector(3);
      for (String form : List.of(PromqlPrinter.print(tree), PromqlPrinter.print(scope.enforce(tree)))) {
        try {
          client.query(form, end);
        } catch (IntegrationFailure f) {
          // Evaluation errors (422, e.g. many-to-many matching on the fixture) are fine; parse errors are not.
          assertThat(f.getMessage()).as(form).doesNotContain("bad_data");
        }
      }
    }
  }

  @Test
  void prometheus_rejects_every_query_the_parser_rejects() {
    PrometheusClient client = direct();
    for (String query : PromqlCorpus.INVALID) {
      assertThatThrownBy(() -> client.query(query, end)).as(query)
          .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.INVALID));
    }
  }

  // ---- failures --------------------------------------------------------------------------------

  @Test
  void a_malformed_query_is_invalid_and_not_retried() {
    PrometheusClient client = client(viaProxy());
    assertThatThrownBy(() -> client.query("sum(rate(x[5m])", end))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.INVALID);
          assertThat(f.getMessage()).contains("HTTP 400", "bad_data");
        });
    assertThat(proxy.seen()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void server_errors_are_retried_with_growing_waits_until_an_answer_comes() throws IntegrationFailure {
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
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.UNAVAILABLE);
          assertThat(f.retryable()).isTrue();
          assertThat(f.getMessage()).contains("HTTP 502", "injected by the test proxy");
        });
    assertThat(proxy.seen()).hasSize(3);
  }

  @Test
  void rate_limiting_is_retried_but_other_client_errors_are_not() throws IntegrationFailure {
    proxy.failNext(1, 429);
    assertThat(client(viaProxy()).query("vector(1)", end)).isInstanceOf(QueryResult.Vector.class);
    assertThat(proxy.seen()).hasSize(2);
    proxy.reset();
    proxy.failNext(5, 403);
    assertThatThrownBy(() -> client(viaProxy()).query("vector(1)", end))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.INVALID));
    assertThat(proxy.seen()).hasSize(1);
  }

  @Test
  void a_stalled_server_fails_within_the_call_timeout() {
    proxy.stall(Duration.ofSeconds(3));
    PrometheusConfig config = viaProxy().withTimeout(Duration.ofMillis(400));
    long started = System.nanoTime();
    assertThatThrownBy(() -> client(config).query("up", end))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.UNAVAILABLE));
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
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.UNAVAILABLE);
          assertThat(f.getMessage()).contains("ConnectException");
        });
    assertThat(waits).hasSize(2);
  }

  @Test
  void answers_over_the_byte_or_series_limit_are_refused_naming_the_limit() {
    PrometheusConfig bytes = viaProxy().withLimits(new PrometheusConfig.Limits(300, 10_000));
    assertThatThrownBy(() -> client(bytes).query("{__name__=~\".+\"}", end))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.TOO_LARGE);
          assertThat(f.getMessage()).contains("limit of 300 bytes");
        });
    PrometheusConfig series = viaProxy().withLimits(new PrometheusConfig.Limits(1 << 20, 2));
    assertThatThrownBy(() -> client(series).query("up", end))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.TOO_LARGE);
          assertThat(f.getMessage()).contains("3 series, more than the limit of 2");
        });
  }

  @Test
  void credentials_and_tenant_travel_as_headers() throws IntegrationFailure {
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
}
