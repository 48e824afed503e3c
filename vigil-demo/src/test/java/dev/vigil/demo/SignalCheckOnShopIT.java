package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.tasks.signalcheck.ResourceSignals;
import dev.vigil.tasks.signalcheck.ServiceCheck;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signal check on the shop's real history in the real Prometheus, as of instants inside the
 * standard scenario played three hours ago: the memory leak in recommendations (from +6 min) and the
 * slow PostgreSQL (from +9 min) are found at +40 min; a service neither touches stays healthy, and
 * before the scenario nothing is worse.
 */
class SignalCheckOnShopIT {
  private static final List<String> SETS = List.of("prometheus-http", "process", "pool", "postgres");
  private static ScriptedServer environment;
  private static MetricSource prometheus;
  private static Instant scenarioStart;

  @BeforeAll
  static void start() throws IOException {
    environment = ScriptedServer.start("demo-env", "--data-dir",
        Files.createTempDirectory("vigil-demo-signals").toString(), "--java",
        ProcessHandle.current().info().command().orElse("java"), "--classpath",
        ShopClasspath.of(), "--history", "1d", "--scenario", "standard",
        "--scenario-offset", "-3h", "--seed", "8");
    prometheus = new PrometheusMetricSource("prom-demo",
        PrometheusClient.create(PrometheusConfig.of(URI.create(environment.get("VIGIL_PROM_URL")))));
    scenarioStart = Instant.ofEpochSecond(Long.parseLong(environment.get("SHOP_SCENARIO_START")));
  }

  @AfterAll
  static void stop() {
    if (environment != null) {
      environment.close();
    }
  }

  @Test
  void theLeakAndTheSlowDatastoreAreFoundAndAnUntouchedServiceStaysHealthy() throws Exception {
    Instant asOf = scenarioStart.plus(Duration.ofMinutes(40));

    ServiceCheck.Result leak = check("recommendations", asOf);
    assertThat(leak.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(leak.worse()).extracting(s -> s.signal().name()).contains("memory");

    ServiceCheck.Result database = check("postgres", asOf);
    assertThat(database.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(database.worse()).extracting(s -> s.signal().name()).contains("query_p99");

    ServiceCheck.Result shipping = check("shipping", asOf);
    assertThat(shipping.verdict()).as(shipping.check().signals().toString()).isEqualTo(Verdict.PASS);
  }

  @Test
  void beforeTheScenarioNothingIsWorse() throws Exception {
    Instant asOf = scenarioStart.minus(Duration.ofMinutes(5));
    for (String service : List.of("recommendations", "postgres", "catalog", "checkout")) {
      ServiceCheck.Result r = check(service, asOf);
      assertThat(r.verdict()).as(service + ": " + r.worse()).isIn(Verdict.PASS, Verdict.MARGINAL);
    }
  }

  private static ServiceCheck.Result check(String service, Instant asOf) throws Exception {
    return new ServiceCheck().run(prometheus, service, ResourceSignals.named(SETS), asOf, Duration.ofMinutes(15),
        Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofMinutes(1));
  }
}
