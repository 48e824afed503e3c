package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JudgeCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return JudgeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path csv(String name, double... values) throws IOException {
    StringBuilder b = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < values.length; i++) {
      b.append(String.format("2024-05-01T10:%02d:00Z,%s%n", i, values[i]));
    }
    return Files.writeString(dir.resolve(name), b.toString());
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void flat_before_and_most_after_points_far_above_exits_1_fail() throws IOException {
    Path before = csv("before.csv", 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100);
    Path after = csv("after.csv", 100, 100, 400, 420, 450, 480);
    assertThat(run("--before", before.toString(), "--after", after.toString())).isEqualTo(1);
    assertThat(stdout()).startsWith("FAIL");
  }

  @Test
  void unchanged_metric_exits_0_and_prints_the_statistics() throws IOException {
    Path before = csv("b.csv", 10, 11, 12, 10, 11, 12, 10, 11);
    Path after = csv("a.csv", 11, 10, 12, 11, 10, 12);
    assertThat(run("--before", before.toString(), "--after", after.toString())).isEqualTo(0);
    assertThat(stdout()).contains("PASS").contains("p=").contains("vs before");
  }

  @Test
  void tiny_after_window_exits_3_not_enough_data() throws IOException {
    Path before = csv("b.csv", 10, 11, 12, 10, 11, 12);
    Path after = csv("a.csv", 90, 95);
    assertThat(run("--before", before.toString(), "--after", after.toString())).isEqualTo(3);
    assertThat(stdout()).startsWith("NOT_ENOUGH_DATA");
  }

  @Test
  void large_jump_in_a_small_sample_exits_2_marginal() throws IOException {
    Path before = csv("b.csv", 10, 10, 10, 10, 10);
    Path after = csv("a.csv", 10, 10, 50, 60, 70);
    assertThat(run("--before", before.toString(), "--after", after.toString())).isEqualTo(2);
  }

  @Test
  void prometheus_json_with_nan_strings_is_read_and_nan_counted() throws IOException {
    Path before = Files.writeString(dir.resolve("b.json"),
        "[[1714557600,\"5\"],[1714557660,\"NaN\"],[1714557720,\"5\"],[1714557780,\"6\"],[1714557840,\"5\"],"
            + "[1714557900,\"6\"],[1714557960,\"5\"]]");
    Path after = Files.writeString(dir.resolve("a.json"), "[2, 2, 1, 2, 2, 1]");
    int code = run("--before", before.toString(), "--after", after.toString(), "--direction", "lower-is-worse",
        "--json");
    assertThat(code).isEqualTo(1);
    JsonNode json = JsonMapper.builder().build().readTree(stdout());
    assertThat(json.get("verdict").asString()).isEqualTo("fail");
    assertThat(json.get("skippedNaN").asInt()).isEqualTo(1);
    assertThat(json.get("vsBefore").get("shift").asDouble()).isLessThan(-2);
  }

  @Test
  void last_week_baseline_downgrades_a_daily_pattern_to_marginal() throws IOException {
    Path before = csv("b.csv", 100, 101, 99, 100, 102, 98, 100, 101);
    Path after = csv("a.csv", 150, 152, 149, 151, 150, 148);
    Path lastWeek = csv("w.csv", 149, 151, 150, 152, 148, 150, 151);
    assertThat(run("--before", before.toString(), "--after", after.toString(), "--baseline-last-week",
        lastWeek.toString(), "--tolerance", "5,10%")).isEqualTo(2);
    assertThat(stdout()).contains("vs last week");
  }

  @Test
  void usage_errors_exit_64_naming_the_argument() throws IOException {
    Path f = csv("f.csv", 1, 2, 3);
    assertThat(run("--before", f.toString())).isEqualTo(64);
    assertThat(stderr()).contains("--after FILE is required");
    err.reset();
    assertThat(run("--before", f.toString(), "--after", f.toString(), "--direction", "up")).isEqualTo(64);
    assertThat(stderr()).contains("--direction").contains("'up'");
    err.reset();
    assertThat(run("--before", f.toString(), "--after", f.toString(), "--tolerence", "5")).isEqualTo(64);
    assertThat(stderr()).contains("unknown argument '--tolerence'");
    err.reset();
    assertThat(run("--before", f.toString(), "--after", f.toString(), "--tolerance", "lots")).isEqualTo(64);
    assertThat(stderr()).contains("--tolerance").contains("'lots'");
  }

  @Test
  void unsorted_timestamps_exit_65_naming_the_file_and_sample() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "2024-05-01T10:05:00Z,1\n2024-05-01T10:01:00Z,2\n");
    Path ok = csv("ok.csv", 1, 2, 3);
    assertThat(run("--before", bad.toString(), "--after", ok.toString())).isEqualTo(65);
    assertThat(stderr()).contains("bad.csv").contains("samples[1]");
  }

  @Test
  void missing_file_exits_66_naming_the_option() {
    assertThat(run("--before", dir.resolve("nope.csv").toString(), "--after", "x.csv")).isEqualTo(66);
    assertThat(stderr()).contains("--before").contains("nope.csv");
  }

  private Path unixCsv(String name, long start, double... values) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      b.append(start + 300L * i).append(',').append(values[i]).append('\n');
    }
    return Files.writeString(dir.resolve(name), b.toString());
  }

  @Test
  void a_spike_beyond_the_history_range_exits_1_and_reports_the_range_in_json() throws IOException {
    double[] week = new double[2016];
    for (int i = 0; i < week.length; i++) {
      week[i] = 100 + (i * 7) % 11;
    }
    long start = 1_714_000_000L;
    Path history = unixCsv("h.csv", start, week);
    Path before = unixCsv("b.csv", start + 300L * 1968, java.util.Arrays.copyOfRange(week, 1968, 2016));
    Path after = unixCsv("a.csv", start + 300L * 2016, 105, 103, 101, 250, 104, 102, 106, 103, 105, 104, 101, 102);
    assertThat(run("--before", before.toString(), "--after", after.toString(), "--history", history.toString(),
        "--json")).isEqualTo(1);
    JsonNode json = JsonMapper.builder().build().readTree(stdout());
    assertThat(json.get("vsHistory").get("verdict").asString()).isEqualTo("fail");
    assertThat(json.get("vsHistory").get("above").asInt()).isEqualTo(1);
    assertThat(json.get("vsHistory").get("high").asDouble()).isEqualTo(110.0);
    JsonNode scorer = json.get("vsScorer");
    assertThat(scorer.get("verdict").asString()).isEqualTo("fail");
    assertThat(scorer.get("seasonPoints").asInt()).isEqualTo(288);
    assertThat(scorer.get("scoredAfter").asInt()).isEqualTo(12);
    assertThat(scorer.get("worstValue").asDouble()).isEqualTo(250.0);
    assertThat(scorer.get("highestScore").asDouble()).isGreaterThanOrEqualTo(scorer.get("failScore").asDouble());
    JsonNode shifts = json.get("vsPastShifts");
    assertThat(shifts.get("judged").asBoolean()).isTrue();
    assertThat(shifts.get("beforePoints").asInt()).isEqualTo(48);
    assertThat(shifts.get("afterPoints").asInt()).isEqualTo(12);
    assertThat(shifts.get("positions").asInt()).isEqualTo(2016 - 48 - 12 + 1);

    out.reset();
    assertThat(run("--before", before.toString(), "--after", after.toString(), "--history", history.toString()))
        .isEqualTo(1);
    assertThat(stdout()).contains("vs scorer     FAIL").contains("season 288").contains("value 250")
        .contains("vs past hours judged          windows 48/12 steps");
  }
}
