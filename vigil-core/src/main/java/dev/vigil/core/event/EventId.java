package dev.vigil.core.event;

import dev.vigil.core.Validation;
import java.util.UUID;

/** Identity of a stored event. */
public record EventId(String value) {
  public EventId {
    Validation.requireText(value, "event id");
  }

  public static EventId random() {
    return new EventId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
