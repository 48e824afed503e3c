package dev.vigil.integrations;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.testing.MapIntegrationStore;
import dev.vigil.integrations.testing.MetricFixture;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.integrations.testing.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Integrations opened from their configuration on a real Prometheus (scripts/prometheus.sh, loaded
 * with the {@link MetricFixture} history): the agent's grants decide the label scope, the scope is
 * enforced before the query is sent, and the caller's outbound hook sees each query as sent.
 */
class ConfiguredIntegrationsIT {
  private static ScriptedServer prometheus;
  private static Path workDir;
  private static Instant end;

  private final MapIntegrationStore store = new MapIntegrationStore();
  private final List<String> sent = new ArrayList<>();

  @BeforeAll
  static void startPrometheus() throws IOException {
    workDir = Files.createTempDirectory("vigil-configured-it");
    end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
    Path fixture = Files.writeString(workDir.resolve("history.om.txt"), MetricFixture.openMetrics(end));
    prometheus = ScriptedServer.start("prometheus", "--openmetrics", fixture.toString());
  }

  @AfterAll
  static void stopPrometheus() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
    TempDirs.delete(workDir);
  }

  private IntegrationConfig promMain(Map<String, SecretRef> credentials) {
    IntegrationConfig config = new IntegrationConfig("prom-main", IntegrationType.PROMETHEUS, List.of(),
        Map.of("url", prometheus.get("VIGIL_PROM_URL"), "tenant", "team-a", "timeout", "10s"), credentials);
    store.save(config, Instant.now());
    return config;
  }

  private MetricSource open(ConfiguredIntegrations integrations, IntegrationConfig config, Grant... grants) {
    return integrations.metrics(config, List.of(grants), source -> new Recording(source, sent));
  }

  private static double value(QueryResult result) {
    return ((QueryResult.Vector) result).series().getFirst().last().value();
  }

  @Test
  void a_scoped_grant_reads_only_its_namespace_and_the_query_is_sent_rewritten() throws IntegrationFailure {
    SecretResolver secrets = new SecretResolver(Map.of("PROM_TOKEN", "t0ken")::get);
    ConfiguredIntegrations integrations = new ConfiguredIntegrations(store, secrets);
    IntegrationConfig config = promMain(Map.of("auth.bearerToken", SecretRef.parse("${env:PROM_TOKEN}")));

    MetricSource payments = open(integrations, config,
        new Grant("prom-main", "metrics:read", List.of("{namespace=\"payments\"}")));

    assertThat(value(payments.query("count(up)", end))).isEqualTo(2.0);
    assertThat(sent).containsExactly("count(up{namespace=\"payments\"})");
    assertThat(payments.labelValues("namespace", List.of(), new TimeRange(end.minus(Duration.ofHours(1)), end)))
        .containsExactly("payments");
  }

  @Test
  void several_grants_on_one_label_read_either_namespace() throws IntegrationFailure {
    ConfiguredIntegrations integrations = new ConfiguredIntegrations(store, new SecretResolver(k -> null));
    IntegrationConfig config = promMain(Map.of());

    MetricSource both = open(integrations, config,
        new Grant("prom-main", "metrics:read", List.of("{namespace=\"payments\"}")),
        new Grant("prom-main", "metrics:read", List.of("{namespace=\"checkout\"}")));

    assertThat(value(both.query("count(up)", end))).isEqualTo(3.0);
    assertThat(value(both.query("sum(rate(http_requests_total{code=\"200\"}[5m]))", end))).isEqualTo(3.0);
  }

  @Test
  void a_query_naming_another_namespace_is_denied_and_never_sent() {
    ConfiguredIntegrations integrations = new ConfiguredIntegrations(store, new SecretResolver(k -> null));
    MetricSource payments = open(integrations, promMain(Map.of()),
        new Grant("prom-main", "metrics:read", List.of("{namespace=\"payments\"}")));

    assertThatThrownBy(() -> payments.query("sum(up{namespace=\"checkout\"})", end))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED))
        .hasMessageContaining("outside the granted scope");
    assertThat(sent).isEmpty();
  }

  @Test
  void no_metrics_grant_another_type_or_an_unset_credential_refuses_to_open() {
    ConfiguredIntegrations integrations = new ConfiguredIntegrations(store, new SecretResolver(k -> null));
    IntegrationConfig config = promMain(Map.of());
    assertThatThrownBy(() -> open(integrations, config, new Grant("prom-main", "alerts:read", List.of()),
        new Grant("prom-other", "metrics:read", List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no metrics:read grant names 'prom-main'");

    IntegrationConfig slack = new IntegrationConfig("slack-main", IntegrationType.SLACK, List.of(), Map.of(), Map.of());
    assertThatThrownBy(() -> open(integrations, slack, new Grant("slack-main", "metrics:read", List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a slack integration");

    IntegrationConfig withToken = promMain(Map.of("auth.bearerToken", SecretRef.parse("${env:PROM_TOKEN}")));
    assertThatThrownBy(() -> open(integrations, withToken, new Grant("prom-main", "metrics:read", List.of())))
        .isInstanceOf(SecretResolver.UnresolvedSecretException.class).hasMessage("${env:PROM_TOKEN} is unset");
  }

  @Test
  void the_configured_integration_is_found_by_name() {
    ConfiguredIntegrations integrations = new ConfiguredIntegrations(store, new SecretResolver(k -> null));
    IntegrationConfig config = promMain(Map.of());
    assertThat(integrations.find("prom-main")).contains(config);
    assertThat(integrations.find("prom-none")).isEmpty();
  }

  /** Records each query as it leaves for the store. */
  private record Recording(MetricSource store, List<String> sent) implements MetricSource {
    @Override
    public String integration() {
      return store.integration();
    }

    @Override
    public QueryResult query(String promql, Instant time) throws IntegrationFailure {
      sent.add(promql);
      return store.query(promql, time);
    }

    @Override
    public QueryResult queryRange(String promql, TimeRange range, Duration step) throws IntegrationFailure {
      sent.add(promql);
      return store.queryRange(promql, range, step);
    }

    @Override
    public List<Labels> series(List<String> selectors, TimeRange range) throws IntegrationFailure {
      sent.addAll(selectors);
      return store.series(selectors, range);
    }

    @Override
    public List<String> labelNames(List<String> selectors, TimeRange range) throws IntegrationFailure {
      sent.addAll(selectors);
      return store.labelNames(selectors, range);
    }

    @Override
    public List<String> labelValues(String label, List<String> selectors, TimeRange range) throws IntegrationFailure {
      sent.addAll(selectors);
      return store.labelValues(label, selectors, range);
    }
  }
}
