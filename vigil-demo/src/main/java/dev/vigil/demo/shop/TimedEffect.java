package dev.vigil.demo.shop;

import java.time.Instant;
import java.util.Objects;

/** An effect and the instant it takes hold. */
public record TimedEffect(Instant at, Effect effect) {
  public TimedEffect {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(effect, "effect");
  }
}
