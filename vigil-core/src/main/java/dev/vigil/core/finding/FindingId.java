package dev.vigil.core.finding;

import dev.vigil.core.Validation;
import java.util.UUID;

/** Identity of a finding. */
public record FindingId(String value) {
  public FindingId {
    Validation.requireText(value, "finding id");
  }

  public static FindingId random() {
    return new FindingId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
