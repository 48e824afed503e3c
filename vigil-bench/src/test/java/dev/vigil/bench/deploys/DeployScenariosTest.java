package dev.vigil.bench.deploys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.analysis.judge.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployScenariosTest {
  @TempDir
  Path dir;

  private void layout(String scenarios) throws Exception {
    Files.createDirectories(dir.resolve("metrics"));
    Files.writeString(dir.resolve("metrics/b.om.gz"), "");
    Files.writeString(dir.resolve("metrics/a.om"), "# EOF\n");
    Files.writeString(dir.resolve("metrics/notes.txt"), "");
    Files.writeString(dir.resolve("signals.yaml"), """
        signals:
          - name: errors
            query: sum(rate(http_server_requests_total{service="$service",code=~"5.."}[$window]))
            direction: higher-is-worse
        """);
    Files.writeString(dir.resolve("scenarios.jsonl"), scenarios);
  }

  @Test
  void a_scenario_directory_reads_as_metrics_files_templates_and_labelled_deploys() throws Exception {
    layout("""
        {"id":"checkout-2.4.0","service":"checkout","deployedAt":"2026-11-25T21:26:23Z","expected":"fail"}

        {"id":"catalog-1.8.1","service":"catalog","deployedAt":"2026-11-25T21:24:23Z","expected":"pass"}
        """);

    DeployScenarios s = DeployScenarios.read(dir);

    assertThat(s.metrics()).extracting(p -> p.getFileName().toString()).containsExactly("a.om", "b.om.gz");
    assertThat(s.signals()).extracting(t -> t.name()).containsExactly("errors");
    assertThat(s.cases()).containsExactly(
        new DeployScenarios.Case("checkout-2.4.0", "checkout", Instant.parse("2026-11-25T21:26:23Z"), true),
        new DeployScenarios.Case("catalog-1.8.1", "catalog", Instant.parse("2026-11-25T21:24:23Z"), false));
  }

  @Test
  void a_bad_line_is_named_with_its_file_line_and_field() throws Exception {
    layout("{\"id\":\"a\",\"service\":\"x\",\"deployedAt\":\"2026-11-25T21:26:23Z\",\"expected\":\"maybe\"}\n");
    assertThatThrownBy(() -> DeployScenarios.read(dir))
        .hasMessage(dir.resolve("scenarios.jsonl") + " line 1: expected is 'maybe' (expected: fail or pass)");

    layout("{\"id\":\"a\",\"deployedAt\":\"2026-11-25T21:26:23Z\",\"expected\":\"fail\"}\n");
    assertThatThrownBy(() -> DeployScenarios.read(dir))
        .hasMessage(dir.resolve("scenarios.jsonl") + " line 1: field 'service' is missing or not a string");

    Files.delete(dir.resolve("signals.yaml"));
    assertThatThrownBy(() -> DeployScenarios.read(dir)).hasMessageContaining("no signals.yaml");
  }

  @Test
  void recall_counts_only_fail_verdicts_and_the_false_fail_rate_only_passes_judged_fail() {
    DeployScore score = new DeployScore(List.of(
        new DeployScore.Judged("bad-1", true, Verdict.FAIL, 5),
        new DeployScore.Judged("bad-2", true, Verdict.MARGINAL, 15),
        new DeployScore.Judged("bad-3", true, Verdict.NOT_ENOUGH_DATA, 15),
        new DeployScore.Judged("bad-4", true, Verdict.FAIL, 15),
        new DeployScore.Judged("good-1", false, Verdict.PASS, 15),
        new DeployScore.Judged("good-2", false, Verdict.FAIL, 5),
        new DeployScore.Judged("good-3", false, Verdict.PASS, 15),
        new DeployScore.Judged("good-4", false, Verdict.MARGINAL, 15)));

    assertThat(score.recall()).isEqualTo(0.5);
    assertThat(score.falseFailRate()).isEqualTo(0.25);
    assertThat(score.json()).containsEntry("marginal", 2L).containsEntry("notEnoughData", 1L);
  }
}
