package dev.vigil.core.graph;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * What an alert rule did over a window: how often it fired, how many of those firings someone acted
 * on (acknowledged, commented, linked to an incident; empty when the source cannot know, as
 * Alertmanager cannot) and how many were flaps (resolved and fired again within the flap interval of
 * the source).
 */
public record AlertHistory(String alert, Instant from, Instant to, int fired, OptionalInt actedOn, int flaps,
    Provenance provenance) {
  public AlertHistory(String alert, Instant from, Instant to, int fired, int actedOn, int flaps, Provenance provenance) {
    this(alert, from, to, fired, OptionalInt.of(actedOn), flaps, provenance);
  }

  public AlertHistory {
    if (alert == null || alert.isBlank()) {
      throw new IllegalArgumentException("alert name must not be empty");
    }
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("alert '" + alert + "' history needs a window with from <= to");
    }
    actedOn = actedOn == null ? OptionalInt.empty() : actedOn;
    int acted = actedOn.orElse(0);
    if (fired < 0 || acted < 0 || flaps < 0 || acted > fired || flaps > fired) {
      throw new IllegalArgumentException("alert '" + alert + "' counts must be >= 0 and acted-on and flaps at most"
          + " the fire count (fired " + fired + ", acted on " + acted + ", flaps " + flaps + ")");
    }
    if (provenance == null) {
      throw new IllegalArgumentException("alert '" + alert + "' history needs a provenance");
    }
  }
}
