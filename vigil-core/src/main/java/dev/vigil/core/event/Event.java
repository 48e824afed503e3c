package dev.vigil.core.event;

import dev.vigil.core.Validation;
import java.time.Instant;
import java.util.Map;

/**
 * Something that happened outside Vigil and was accepted at its edge: a webhook, a CloudEvent.
 * Adapters translate vendor payloads into this shape.
 *
 * @param id Vigil's identity of the stored event
 * @param source where it came from, e.g. {@code github}, {@code alertmanager}, a CloudEvent source
 * @param type what happened, e.g. {@code deployment_status}
 * @param subject what it is about (a service, a repository), may be empty
 * @param time when it happened according to the sender, else when it was received
 * @param deliveryId the sender's id for deduplication (CloudEvent id, X-GitHub-Delivery), may be
 *     empty
 * @param labels flat key/value facts used by trigger matchers
 * @param text human text matched by keyword filters (titles, descriptions)
 * @param payloadJson the body as received (JSON), kept for the run that wakes on it
 */
public record Event(
    EventId id,
    String source,
    String type,
    String subject,
    Instant time,
    String deliveryId,
    Map<String, String> labels,
    String text,
    String payloadJson) {
  public Event {
    Validation.requireNonNull(id, "event id");
    Validation.requireText(source, "event source");
    Validation.requireText(type, "event type");
    Validation.requireNonNull(time, "event time");
    subject = Validation.orEmpty(subject);
    deliveryId = Validation.orEmpty(deliveryId);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    text = Validation.orEmpty(text);
    payloadJson = payloadJson == null ? "{}" : payloadJson;
  }

  /** Text keyword filters search: subject, text and label values. */
  public String searchableText() {
    return subject + "\n" + text + "\n" + String.join("\n", labels.values());
  }
}
