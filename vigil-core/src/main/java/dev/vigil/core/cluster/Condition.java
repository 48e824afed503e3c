package dev.vigil.core.cluster;

import dev.vigil.core.Validation;
import java.time.Instant;
import java.util.Optional;

/**
 * One status condition of an object, e.g. a deployment's {@code Progressing=False} with reason
 * {@code ProgressDeadlineExceeded}.
 *
 * @param type e.g. {@code Available}, {@code Progressing}
 * @param status {@code True}, {@code False} or {@code Unknown}, as the API server wrote it
 * @param reason a CamelCase reason, empty when none was given
 * @param message free text, empty when none was given
 * @param lastTransition when the status last changed, if known
 */
public record Condition(String type, String status, String reason, String message, Optional<Instant> lastTransition) {
  public Condition {
    Validation.requireText(type, "condition type");
    status = status == null ? "Unknown" : status;
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
    lastTransition = lastTransition == null ? Optional.empty() : lastTransition;
  }

  public boolean isTrue() {
    return "True".equals(status);
  }
}
