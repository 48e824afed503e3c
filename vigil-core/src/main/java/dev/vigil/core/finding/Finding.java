package dev.vigil.core.finding;

import dev.vigil.core.Validation;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.run.RunId;
import java.time.Instant;
import java.util.List;

/**
 * A filed conclusion of an agent, with its evidence and what people did with it.
 *
 * @param occurrences how many runs reported it while it stayed open (deduplication)
 * @param statusReason why its status was set (e.g. the false-positive reason the agent remembers)
 */
public record Finding(
    FindingId id,
    AgentId agent,
    RunId run,
    Severity severity,
    String service,
    String summary,
    List<Evidence> evidence,
    List<String> nextSteps,
    String dedupKey,
    FindingStatus status,
    String statusReason,
    int occurrences,
    Instant createdAt,
    Instant updatedAt) {
  public Finding {
    Validation.requireNonNull(id, "id");
    Validation.requireNonNull(agent, "agent");
    Validation.requireNonNull(run, "run");
    Validation.requireNonNull(severity, "severity");
    Validation.requireNonNull(status, "status");
    service = Validation.orEmpty(service);
    Validation.requireText(summary, "summary");
    evidence = List.copyOf(evidence);
    nextSteps = List.copyOf(nextSteps);
    statusReason = Validation.orEmpty(statusReason);
  }

  public Finding withStatus(FindingStatus to, String reason, Instant now) {
    return new Finding(id, agent, run, severity, service, summary, evidence, nextSteps, dedupKey,
        to, reason, occurrences, createdAt, now);
  }
}
