package dev.vigil.core.finding;

import dev.vigil.core.Validation;
import java.util.List;

/**
 * What a step concludes, before Vigil files it. Findings with the same {@code dedupKey} that are
 * still open are one finding: a repeat updates it instead of opening another.
 */
public record FindingDraft(
    Severity severity,
    String service,
    String summary,
    List<Evidence> evidence,
    List<String> nextSteps,
    String dedupKey) {
  public FindingDraft {
    Validation.requireNonNull(severity, "severity");
    service = Validation.orEmpty(service);
    Validation.requireText(summary, "summary");
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    nextSteps = nextSteps == null ? List.of() : List.copyOf(nextSteps);
    Validation.requireText(dedupKey, "dedupKey");
    if (evidence.isEmpty()) {
      // Evidence or silence: a finding nobody can check is not posted.
      throw new IllegalArgumentException("finding '" + summary + "' has no evidence");
    }
  }
}
