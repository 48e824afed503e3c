package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BacktestCommandTest {
  @Test
  void without_prometheus_or_service_it_says_what_is_missing() {
    assertThat(BacktestCommandIT.run("--service", "api").err()).contains("--prometheus URL is required");
    BacktestCommandIT.Run run = BacktestCommandIT.run("--prometheus", "http://127.0.0.1:9090");
    assertThat(run.status()).isEqualTo(BacktestCommand.USAGE);
    assertThat(run.err()).contains("--service S is required");
  }

  @Test
  void option_mistakes_are_usage_errors_naming_the_option() {
    assertThat(BacktestCommandIT.run("--prometheus", "ftp://x", "--service", "api").err())
        .contains("--prometheus: prometheus url must be an http(s) URL");
    assertThat(BacktestCommandIT.run("--prometheus", "http://p", "--service", "api", "--signals", "nginx").err())
        .contains("--signals: unknown set 'nginx' (known: kubernetes, micrometer, openfeature, opentelemetry, pool, postgres, process, prometheus-http)");
    assertThat(BacktestCommandIT.run("--prometheus", "http://p", "--service", "api", "--early", "15m", "--late",
        "5m").err()).contains("--late (5m) must come after --early (15m)");
    assertThat(BacktestCommandIT.run("--prometheus", "http://p", "--service", "api", "--until", "yesterday")
        .err()).contains("--until: 'yesterday' is not an RFC 3339 time");
    assertThat(BacktestCommandIT.run("--prometheus", "http://p", "--service", "api", "--frobnicate").status())
        .isEqualTo(BacktestCommand.USAGE);
  }

  @Test
  void on_a_server_the_agents_task_decides_and_a_token_is_needed() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream to = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
    java.time.Clock clock = java.time.Clock.systemUTC();

    assertThat(BacktestCommand.run(new String[] {"--agent", "deploy-watcher"}, System.out, to, clock,
        java.util.Map.of("VIGIL_TOKEN", "t"))).isEqualTo(BacktestCommand.USAGE);
    assertThat(BacktestCommand.run(new String[] {"--agent", "w", "--service", "api", "--signals", "micrometer"},
        System.out, to, clock, java.util.Map.of("VIGIL_TOKEN", "t"))).isEqualTo(BacktestCommand.USAGE);
    assertThat(BacktestCommand.run(new String[] {"--agent", "w", "--service", "api"}, System.out, to, clock,
        java.util.Map.of())).isEqualTo(BacktestCommand.USAGE);
    assertThat(BacktestCommand.run(new String[] {"--prometheus", "http://p", "--service", "api", "--task", "watch"},
        System.out, to, clock, java.util.Map.of())).isEqualTo(BacktestCommand.USAGE);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("--service S is required")
        .contains("--signals is the local backtest's; with --agent the agent's task decides it")
        .contains("no token: set VIGIL_TOKEN").contains("--task goes with --agent");
  }

  @Test
  void a_malformed_signals_file_exits_65_naming_file_signal_and_field() throws Exception {
    Path signals = Files.writeString(Files.createTempFile("signals", ".yaml"),
        "signals:\n  - name: p99\n    query: x{service=\"$service\"}\n    direction: sideways\n");

    BacktestCommandIT.Run run = BacktestCommandIT.run("--prometheus", "http://p", "--service", "api",
        "--signals-file", signals.toString());

    assertThat(run.status()).isEqualTo(BacktestCommand.DATA_ERROR);
    assertThat(run.err()).contains(signals + ": signal 'p99' (line 2): unknown direction 'sideways'");
  }

  @Test
  void a_missing_deploys_file_exits_66_and_a_malformed_one_65_naming_the_line() throws Exception {
    assertThat(BacktestCommandIT.run("--prometheus", "http://p", "--service", "api", "--deploys", "/no/such.jsonl")
        .status()).isEqualTo(BacktestCommand.NO_INPUT);
    Path deploys = Files.writeString(Files.createTempFile("deploys", ".jsonl"),
        "{\"service\":\"api\",\"deployedAt\":\"2026-11-25T10:00:00Z\"}\n{\"service\":\"api\",\"deployedAt\":\"10 am\"}\n");

    BacktestCommandIT.Run run = BacktestCommandIT.run("--prometheus", "http://p", "--service", "api", "--deploys",
        deploys.toString());

    assertThat(run.status()).isEqualTo(BacktestCommand.DATA_ERROR);
    assertThat(run.err()).contains(deploys + " line 2: deployedAt is not an RFC 3339 time");
  }
}
