package dev.vigil.core.graph;

import java.util.OptionalDouble;

/**
 * Whether an alert is noise, with the numbers that decided it so a person can check the verdict.
 *
 * @param actedOnRatio acted-on firings over all firings; empty when it never fired or the source
 *     cannot know
 * @param flapRate flapping firings over all firings, 0 when it never fired
 * @param reason one sentence: why noisy, why not, or "not enough data"
 */
public record AlertNoise(String alert, Verdict verdict, int fired, OptionalDouble actedOnRatio, double flapRate,
    String reason) {
  /** The answer; {@link #NOT_ENOUGH_DATA} rather than a silent "signal". */
  public enum Verdict {
    NOISY,
    SIGNAL,
    NOT_ENOUGH_DATA
  }

  public AlertNoise {
    if (alert == null || verdict == null || reason == null || actedOnRatio == null) {
      throw new IllegalArgumentException("alert noise needs an alert, a verdict and a reason");
    }
  }
}
