package dev.vigil.core.cluster;

import dev.vigil.core.Validation;
import java.time.Instant;
import java.util.Optional;

/**
 * A Kubernetes event (core/v1), e.g. {@code Warning BackOff} on a pod.
 *
 * @param namespace where it was recorded
 * @param type {@code Normal} or {@code Warning}
 * @param reason a CamelCase reason
 * @param message free text
 * @param involvedKind the kind of the object it is about, e.g. {@code Pod}
 * @param involvedName that object's name
 * @param count how many times it was seen (1 or more)
 * @param lastSeen when it was last seen, if known
 */
public record ClusterEvent(
    String namespace,
    String type,
    String reason,
    String message,
    String involvedKind,
    String involvedName,
    int count,
    Optional<Instant> lastSeen) {

  public ClusterEvent {
    Validation.requireText(namespace, "event namespace");
    type = type == null ? "" : type;
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
    involvedKind = involvedKind == null ? "" : involvedKind;
    involvedName = involvedName == null ? "" : involvedName;
    count = Math.max(1, count);
    lastSeen = lastSeen == null ? Optional.empty() : lastSeen;
  }

  public boolean isWarning() {
    return "Warning".equals(type);
  }
}
