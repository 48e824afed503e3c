package dev.vigil.core.audit;

import dev.vigil.core.Validation;
import java.time.Duration;
import java.time.Instant;

/**
 * One call of an agent (or a person through the API) on an integration, allowed or denied.
 *
 * @param actor the agent name, or {@code api:<token name>} for people
 * @param run the run it happened in, empty outside runs
 * @param integration the integration called, e.g. {@code chat}
 * @param operation what was done, e.g. {@code chat:post}
 * @param target what it was done to, e.g. a channel or URL
 * @param result {@code allowed}, {@code denied: <why>}, {@code ok}, {@code error: <why>}
 */
public record AuditEntry(
    Instant time,
    String actor,
    String run,
    String integration,
    String operation,
    String target,
    String result,
    Duration duration) {
  public AuditEntry {
    Validation.requireNonNull(time, "time");
    Validation.requireText(actor, "actor");
    run = Validation.orEmpty(run);
    Validation.requireText(integration, "integration");
    Validation.requireText(operation, "operation");
    target = Validation.orEmpty(target);
    Validation.requireText(result, "result");
    duration = duration == null ? Duration.ZERO : duration;
  }
}
