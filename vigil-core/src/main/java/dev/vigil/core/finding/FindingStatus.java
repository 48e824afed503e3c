package dev.vigil.core.finding;

import java.util.Locale;

/** What people did with a finding. */
public enum FindingStatus {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED,
  FALSE_POSITIVE;

  public String text() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
