package dev.vigil.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingDraftTest {
  private static final Instant FROM = Instant.parse("2026-05-04T10:00:00Z");
  private static final Evidence P99 =
      new Evidence(
          "histogram_quantile(0.99, rate(http_server_duration_seconds_bucket[5m]))",
          FROM,
          FROM.plusSeconds(600),
          "2.4 s",
          "0.8 s",
          Optional.of("https://prometheus.example/graph"));

  @Test
  void draft_with_evidence_is_accepted() {
    FindingDraft draft =
        new FindingDraft(Severity.WARNING, "payments-api", "p99 latency tripled", List.of(P99), null, "p99:payments-api");
    assertThat(draft.evidence()).containsExactly(P99);
    assertThat(draft.nextSteps()).isEmpty();
  }

  @Test
  void draft_without_evidence_is_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FindingDraft(Severity.WARNING, "payments-api", "p99 latency tripled", List.of(), null, "k"))
        .withMessage("finding 'p99 latency tripled' has no evidence");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FindingDraft(Severity.WARNING, "payments-api", "p99 latency tripled", null, null, "k"))
        .withMessage("finding 'p99 latency tripled' has no evidence");
  }

  @Test
  void draft_needs_severity_summary_and_dedup_key() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FindingDraft(null, "s", "x", List.of(P99), null, "k"))
        .withMessage("severity is required");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FindingDraft(Severity.INFO, "s", " ", List.of(P99), null, "k"))
        .withMessage("summary must not be empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FindingDraft(Severity.INFO, "s", "x", List.of(P99), null, ""))
        .withMessage("dedupKey must not be empty");
  }

  @Test
  void evidence_range_must_not_end_before_it_starts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Evidence("up", FROM, FROM.minusSeconds(1), "0", "1", null))
        .withMessageContaining("evidence.to")
        .withMessageContaining("is before evidence.from");
    assertThat(new Evidence("up", FROM, FROM, null, null, null).sourceUrl()).isEmpty();
  }

  @Test
  void severity_is_parsed_in_any_case_and_unknown_ones_list_the_known() {
    assertThat(Severity.parse(" Critical ")).isEqualTo(Severity.CRITICAL);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Severity.parse("urgent"))
        .withMessage("severity 'urgent' is not known (expected: info, warning, critical)");
    assertThatIllegalArgumentException().isThrownBy(() -> Severity.parse(null));
  }
}
