package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.tasks.deploywatch.DeployBacktest;
import dev.vigil.tasks.deploywatch.SignalSets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backtest against a real Prometheus holding five hours of one service with known deploys: a good
 * one, a bad one (latency x3, 5% 5xx), its rollback, one that goes bad only eight minutes after the
 * deploy, and one so recent that only its first check is due.
 */
class BacktestCommandIT {
  private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(8));
  private static final Instant GOOD = BASE.plus(Duration.ofHours(1));
  private static final Instant BAD = BASE.plus(Duration.ofHours(2));
  private static final Instant ROLLBACK = BASE.plus(Duration.ofMinutes(150));
  private static final Instant LATE_REGRESSION = BASE.plus(Duration.ofHours(3));
  private static final Instant RECENT = BASE.plus(Duration.ofMinutes(270));
  private static final Instant UNTIL = RECENT.plus(Duration.ofMinutes(6));

  private static ScriptedServer prometheus;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    Path file = Files.createTempFile("vigil-backtest", ".om");
    new ServiceHistory("api", BASE, BASE.plus(Duration.ofHours(5)))
        .deploy(GOOD, 1, 0)
        .deploy(BAD, 3, 0.05)
        .deploy(ROLLBACK, 1, 0)
        .deploy(LATE_REGRESSION, LATE_REGRESSION.plus(Duration.ofMinutes(8)), 4, 0)
        .deploy(RECENT, 1, 0)
        .write(file);
    prometheus = ScriptedServer.start("prometheus", "--openmetrics", file.toString());
    url = prometheus.get("VIGIL_PROM_URL");
    Files.delete(file);
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void deploys_are_found_from_process_start_times_one_per_rolling_restart() throws Exception {
    MetricSource source = new PrometheusMetricSource("p", PrometheusClient.create(PrometheusConfig.of(URI.create(url))));

    List<DeployBacktest.PastDeploy> deploys = DeployBacktest.findDeploys(source, "api",
        DeployBacktest.DEFAULT_DEPLOY_QUERY, new TimeRange(BASE, UNTIL));

    assertThat(deploys).extracting(DeployBacktest.PastDeploy::deployedAt)
        .containsExactly(GOOD, BAD, ROLLBACK, LATE_REGRESSION, RECENT);
  }

  @Test
  void each_deploy_is_judged_as_of_its_checks_and_a_regression_after_the_first_check_is_not_seen_by_it()
      throws Exception {
    Run run = run("--prometheus", url, "--service", "api", "--since", "5h", "--until", UNTIL.toString(),
        "--step", "15s", "--json");

    assertThat(run.status()).as(run.err()).isEqualTo(1);
    JsonNode deploys = JsonMapper.builder().build().readTree(run.out()).get("deploys");
    assertThat(deploys).hasSize(5);
    assertThat(verdicts(deploys.get(0))).containsExactly("pass", "pass");
    assertThat(verdicts(deploys.get(1))).first().isEqualTo("fail");
    assertThat(deploys.get(1).get("decidedAtMinute").asInt()).isEqualTo(5);
    assertThat(signalVerdicts(deploys.get(1).get("checks").get(0)))
        .containsExactly("latency_p99=fail", "error_ratio=fail", "traffic=pass");
    assertThat(deploys.get(2).get("verdict").asString()).isEqualTo("pass");
    // The regression starts at +8 minutes: a check as of +5 that read a sample after its time would see it.
    assertThat(verdicts(deploys.get(3))).containsExactly("pass", "fail");
    assertThat(deploys.get(3).get("decidedAtMinute").asInt()).isEqualTo(15);
    assertThat(verdicts(deploys.get(4))).as("only +5 is due by --until").containsExactly("pass");
  }

  @Test
  void the_text_says_what_the_watch_would_have_posted() {
    Run run = run("--prometheus", url, "--service", "api", "--since", "5h", "--until", UNTIL.toString());

    assertThat(run.out()).startsWith("backtest of api: 5 deploys from " + UNTIL.minus(Duration.ofHours(5)) + " to " + UNTIL)
        .contains("deploy-watch api @" + BAD + " at +5m: FAIL")
        .contains("Next step: roll api back from @" + BAD + " to the release before it")
        .contains("latency_p99: ");
  }

  @Test
  void deploys_and_signals_can_come_from_files() throws Exception {
    Path deploys = Files.writeString(Files.createTempFile("deploys", ".jsonl"),
        "{\"id\":\"x\",\"service\":\"api\",\"deployedAt\":\"" + BAD + "\",\"expected\":\"fail\"}\n"
            + "{\"service\":\"other\",\"deployedAt\":\"" + BAD + "\"}\n");
    Path signals = Files.writeString(Files.createTempFile("signals", ".yaml"), """
        signals:
          - name: errors
            query: sum(rate(http_server_requests_total{service="$service",code=~"5.."}[$window])) / sum(rate(http_server_requests_total{service="$service"}[$window]))
            direction: higher-is-worse
            tolerance: 0.005,3sd
            unit: ratio
        """);

    Run run = run("--prometheus", url, "--service", "api", "--since", "5h", "--until", UNTIL.toString(),
        "--deploys", deploys.toString(), "--signals-file", signals.toString(), "--json");

    JsonNode out = JsonMapper.builder().build().readTree(run.out());
    assertThat(out.get("deploys")).hasSize(1);
    assertThat(signalVerdicts(out.get("deploys").get(0).get("checks").get(0))).containsExactly("errors=fail");
    assertThat(out.get("deploys").get(0).get("origin").asString()).isEqualTo("file");
  }

  @Test
  void an_unreachable_prometheus_exits_69_naming_it() {
    Run run = run("--prometheus", "http://127.0.0.1:1", "--service", "api", "--since", "1h");

    assertThat(run.status()).isEqualTo(BacktestCommand.UNAVAILABLE);
    assertThat(run.err()).contains("Prometheus at http://127.0.0.1:1 did not answer");
  }

  @Test
  void credentials_in_the_address_are_never_printed() {
    Run run = run("--prometheus", "http://vigil:s3cret@127.0.0.1:1", "--service", "api", "--since", "1h");

    assertThat(run.err()).contains("Prometheus at http://***@127.0.0.1:1").doesNotContain("s3cret");
  }

  private static List<String> verdicts(JsonNode deploy) {
    return deploy.get("checks").valueStream().map(c -> c.get("verdict").asString()).toList();
  }

  private static List<String> signalVerdicts(JsonNode check) {
    return check.get("signals").valueStream().map(s -> s.get("name").asString() + "=" + s.get("verdict").asString())
        .toList();
  }

  record Run(int status, String out, String err) {
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = BacktestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(UNTIL, ZoneOffset.UTC));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
