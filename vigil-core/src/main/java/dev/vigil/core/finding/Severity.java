package dev.vigil.core.finding;

import java.util.Locale;

/** How urgently a person should look at a finding. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "severity '" + text + "' is not known (expected: info, warning, critical)");
    }
  }
}
