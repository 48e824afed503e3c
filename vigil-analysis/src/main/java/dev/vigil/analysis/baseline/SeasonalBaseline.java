package dev.vigil.analysis.baseline;

import dev.vigil.analysis.internal.Robust;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * Hour-of-week baseline of one series, learned online.
 *
 * <p>Each of the 168 buckets keeps its most recent values; the expectation at a moment is the bucket's median
 * plus a level adjustment (an exponentially weighted mean of recent residuals, clipped at three spreads so one
 * incident does not move it), and the spread is a robust standard deviation. While the weekly bucket is thin
 * (a new series, or one with gaps) the same hour of any day is used; when that is thin too the answer is
 * {@link BaselineEstimate.InsufficientHistory}, never a guess. Gaps need no special handling: missing points
 * simply leave their buckets with fewer values. NaN values are skipped and counted.
 *
 * <p>Not thread-safe.
 */
public final class SeasonalBaseline {
  private static final int HOURS_PER_WEEK = 168;

  private final BaselineSettings settings;
  private final double[][] values = new double[HOURS_PER_WEEK][];
  private final int[] sizes = new int[HOURS_PER_WEEK];
  private final int[] heads = new int[HOURS_PER_WEEK];
  private double level;
  private Instant last;
  private long skipped;
  private long observed;
  /** True while every observed value was a non-negative integer (a count). */
  private boolean countLike = true;

  /** An empty baseline. */
  public SeasonalBaseline(BaselineSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    for (int i = 0; i < HOURS_PER_WEEK; i++) {
      values[i] = new double[settings.valuesPerBucket()];
    }
  }

  /**
   * Learns one observation.
   *
   * @throws IllegalArgumentException when {@code timestamp} is not after the previous one or the value is
   *     infinite
   */
  public void observe(Instant timestamp, double value) {
    Objects.requireNonNull(timestamp, "timestamp");
    if (last != null && !timestamp.isAfter(last)) {
      throw new IllegalArgumentException("timestamp " + timestamp + " is not after the previous observation "
          + last);
    }
    last = timestamp;
    if (Double.isNaN(value)) {
      skipped++;
      return;
    }
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException("value must be finite or NaN, got " + value);
    }
    // Only same-hour-of-week residuals move the level: against the hour-of-day fallback a quiet Saturday
    // looks like a collapse of weekday traffic and would drag the level down.
    if (expected(timestamp) instanceof BaselineEstimate.Expected e
        && e.basis() == BaselineEstimate.Basis.HOUR_OF_WEEK) {
      double residual = value - e.median();
      double clip = 3 * e.spread();
      level += settings.levelAlpha() * Math.max(-clip, Math.min(clip, residual));
    }
    countLike &= value >= 0 && value == Math.rint(value);
    int b = hourOfWeek(timestamp);
    values[b][heads[b]] = value - level;
    heads[b] = (heads[b] + 1) % values[b].length;
    sizes[b] = Math.min(sizes[b] + 1, values[b].length);
    observed++;
  }

  /** What normal looks like at {@code timestamp}. */
  public BaselineEstimate expected(Instant timestamp) {
    int b = hourOfWeek(timestamp);
    if (sizes[b] >= settings.minSamples()) {
      return estimate(Arrays.copyOf(values[b], sizes[b]), BaselineEstimate.Basis.HOUR_OF_WEEK);
    }
    int hourOfDay = b % 24;
    int total = 0;
    for (int d = 0; d < 7; d++) {
      total += sizes[d * 24 + hourOfDay];
    }
    if (total >= settings.minSamples()) {
      double[] all = new double[total];
      int k = 0;
      for (int d = 0; d < 7; d++) {
        int bucket = d * 24 + hourOfDay;
        System.arraycopy(values[bucket], 0, all, k, sizes[bucket]);
        k += sizes[bucket];
      }
      return estimate(all, BaselineEstimate.Basis.HOUR_OF_DAY);
    }
    return new BaselineEstimate.InsufficientHistory(String.format(
        "only %d values at this hour of day so far (%d observed in all), need %d", total, observed,
        settings.minSamples()), total, settings.minSamples());
  }

  /** NaN observations skipped so far. */
  public long skippedNaN() {
    return skipped;
  }

  private BaselineEstimate.Expected estimate(double[] bucket, BaselineEstimate.Basis basis) {
    double[] sorted = bucket.clone();
    Arrays.sort(sorted);
    double median = Robust.medianOfSorted(sorted, 0, sorted.length);
    double mad = Robust.mad(sorted) * Robust.MAD_TO_SIGMA;
    // 2.563 is the 10-90 % range of a standard normal: a floor that still sees spread when over half the
    // values are identical (low-traffic series full of zeros), where the MAD is 0.
    double range = (Robust.quantileOfSorted(sorted, 0.9) - Robust.quantileOfSorted(sorted, 0.1)) / 2.563;
    double spread = Math.max(settings.minSpread(), Math.max(mad, range));
    if (countLike) {
      // Counts of rare events (errors per minute) are Poisson-like: their natural noise is √mean even when
      // most values are 0, and without this floor a single error would sit many "spreads" above normal.
      spread = Math.max(spread, Math.sqrt(Math.max(Robust.mean(sorted), 1.0 / sorted.length)));
    }
    return new BaselineEstimate.Expected(median + level, spread, sorted.length, basis);
  }

  private int hourOfWeek(Instant t) {
    ZonedDateTime z = t.atZone(settings.zone());
    return (z.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + z.getHour();
  }
}
