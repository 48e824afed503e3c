package dev.vigil.core.graph;

import java.time.Instant;

/**
 * What an alert rule did over a window: how often it fired, how many of those firings someone acted
 * on (acknowledged, commented, linked to an incident) and how many were flaps (resolved and fired
 * again within the flap interval of the source).
 */
public record AlertHistory(String alert, Instant from, Instant to, int fired, int actedOn, int flaps,
    Provenance provenance) {
  public AlertHistory {
    if (alert == null || alert.isBlank()) {
      throw new IllegalArgumentException("alert name must not be empty");
    }
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("alert '" + alert + "' history needs a window with from <= to");
    }
    if (fired < 0 || actedOn < 0 || flaps < 0 || actedOn > fired || flaps > fired) {
      throw new IllegalArgumentException("alert '" + alert + "' counts must be >= 0 and acted-on and flaps at most"
          + " the fire count (fired " + fired + ", acted on " + actedOn + ", flaps " + flaps + ")");
    }
    if (provenance == null) {
      throw new IllegalArgumentException("alert '" + alert + "' history needs a provenance");
    }
  }
}
