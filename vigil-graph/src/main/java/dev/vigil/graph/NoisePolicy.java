package dev.vigil.graph;

/**
 * When an alert counts as noise. Defaults follow the common on-call rule of thumb: an alert that
 * fired at least 5 times and was acted on in at most 1 of 10 firings, or flapped in at least half of
 * them, trains people to ignore it.
 *
 * @param minFired fewer firings than this give "not enough data"
 * @param maxActedOnRatio at or below this acted-on ratio the alert is noisy
 * @param minFlapRate at or above this flap rate the alert is noisy
 */
public record NoisePolicy(int minFired, double maxActedOnRatio, double minFlapRate) {
  public static final NoisePolicy DEFAULT = new NoisePolicy(5, 0.1, 0.5);

  public NoisePolicy {
    if (minFired < 1) {
      throw new IllegalArgumentException("noise policy minFired must be at least 1, was " + minFired);
    }
    if (!(maxActedOnRatio >= 0 && maxActedOnRatio <= 1) || !(minFlapRate >= 0 && minFlapRate <= 1)) {
      throw new IllegalArgumentException("noise policy ratios must be within 0..1");
    }
  }
}
