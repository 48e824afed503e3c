package dev.vigil.analysis.baseline;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Parameters of {@link SeasonalBaseline}.
 *
 * @param zone time zone whose hours of week define the seasons (traffic follows local business hours)
 * @param valuesPerBucket most recent values kept per hour-of-week bucket, ≥ 3 (with 1-minute points, 240 is
 *     four weeks of that hour)
 * @param minSamples fewest values a bucket needs before it is trusted, ≥ 3
 * @param levelAlpha weight of each new residual in the level adjustment, in [0, 1): the trend term that lets
 *     the baseline follow slow growth without waiting for the buckets to turn over (0 disables it)
 * @param minSpread smallest spread ever reported, &gt; 0, so a perfectly flat history does not turn every
 *     tiny wobble into an infinite z-score
 */
public record BaselineSettings(ZoneId zone, int valuesPerBucket, int minSamples, double levelAlpha,
    double minSpread) {
  /** UTC, 240 values per bucket, 5 to trust one, level weight 0.01, spread floor 1e-9. */
  public static final BaselineSettings DEFAULT = new BaselineSettings(ZoneId.of("UTC"), 240, 5, 0.01, 1e-9);

  public BaselineSettings {
    Objects.requireNonNull(zone, "zone");
    if (valuesPerBucket < 3) {
      throw new IllegalArgumentException("valuesPerBucket must be >= 3, got " + valuesPerBucket);
    }
    if (minSamples < 3 || minSamples > valuesPerBucket) {
      throw new IllegalArgumentException("minSamples must be in [3, valuesPerBucket=" + valuesPerBucket + "], got "
          + minSamples);
    }
    if (!(levelAlpha >= 0 && levelAlpha < 1)) {
      throw new IllegalArgumentException("levelAlpha must be in [0, 1), got " + levelAlpha);
    }
    if (!(minSpread > 0)) {
      throw new IllegalArgumentException("minSpread must be > 0, got " + minSpread);
    }
  }
}
