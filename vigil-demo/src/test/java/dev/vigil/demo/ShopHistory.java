package dev.vigil.demo;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.tasks.deploywatch.DeployCheck;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import dev.vigil.tasks.deploywatch.WatchWindows;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shop's environment with a scenario played three hours ago, inside a day of history backfilled into the
 * real Prometheus, for checks evaluated as of past instants (backtests). Closing it stops the environment.
 */
final class ShopHistory implements AutoCloseable {
  /** The deploy checks' rate window. */
  static final Duration RATE = Duration.ofMinutes(2);
  /** The deploy checks' resolution: the history's own. */
  static final Duration STEP = Duration.ofMinutes(1);

  private final ScriptedServer environment;
  private final MetricSource prometheus;
  private final Instant scenarioStart;

  private ShopHistory(ScriptedServer environment) {
    this.environment = environment;
    this.prometheus = new PrometheusMetricSource("prom-demo",
        PrometheusClient.create(PrometheusConfig.of(URI.create(environment.get("VIGIL_PROM_URL")))));
    this.scenarioStart = Instant.ofEpochSecond(Long.parseLong(environment.get("SHOP_SCENARIO_START")));
  }

  static ShopHistory start(String scenario, long seed) throws IOException {
    return new ShopHistory(ScriptedServer.start("demo-env", "--data-dir",
        Files.createTempDirectory("vigil-demo-" + scenario).toString(), "--java",
        ProcessHandle.current().info().command().orElse("java"), "--classpath",
        ShopClasspath.of(), "--history", "1d", "--scenario", scenario,
        "--scenario-offset", "-3h", "--seed", String.valueOf(seed)));
  }

  MetricSource prometheus() {
    return prometheus;
  }

  Instant scenarioStart() {
    return scenarioStart;
  }

  String prometheusUrl() {
    return environment.get("VIGIL_PROM_URL");
  }

  /** The deploy watch's check of {@code service} at {@code at} after {@code deployed}, 30 minutes before. */
  DeployCheck.Result check(String service, Instant deployed, Duration at, List<SignalTemplate> signals)
      throws Exception {
    WatchWindows windows = WatchWindows.of(deployed, deployed.plus(at), Duration.ofMinutes(30), RATE);
    return new DeployCheck().run(prometheus, service, signals, windows, RATE, STEP);
  }

  static Map<String, Verdict> verdicts(DeployCheck.Result result) {
    return result.signals().stream().collect(Collectors.toMap(s -> s.signal().name(), s -> s.judgement().verdict()));
  }

  @Override
  public void close() {
    environment.close();
  }
}
