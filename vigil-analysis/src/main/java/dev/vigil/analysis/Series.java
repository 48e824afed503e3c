package dev.vigil.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cleaned, time-ordered metric series: strictly increasing timestamps and finite values only.
 *
 * <p>Build it with {@link #of(List)}, which drops NaN values and counts them in {@link #skippedNaN()} so a
 * report can say how much was missing. Unsorted or duplicated timestamps are rejected with the position of
 * the first offending sample: silently re-sorting would hide a broken query, and averaging duplicates would
 * invent data. Immutable and thread-safe.
 *
 * @param samples the observations in strictly increasing time order, all finite
 * @param skippedNaN how many NaN observations were dropped when the series was built (≥ 0)
 */
public record Series(List<Sample> samples, int skippedNaN) {
  public Series {
    Objects.requireNonNull(samples, "samples");
    if (skippedNaN < 0) {
      throw new IllegalArgumentException("skippedNaN must be >= 0, got " + skippedNaN);
    }
    samples = List.copyOf(samples);
    for (int i = 0; i < samples.size(); i++) {
      double v = samples.get(i).value();
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("samples[" + i + "] value must be finite, got " + v);
      }
      if (i > 0 && !samples.get(i).timestamp().isAfter(samples.get(i - 1).timestamp())) {
        throw new IllegalArgumentException("samples[" + i + "] timestamp " + samples.get(i).timestamp()
            + (samples.get(i).timestamp().equals(samples.get(i - 1).timestamp()) ? " duplicates" : " is before")
            + " samples[" + (i - 1) + "] " + samples.get(i - 1).timestamp()
            + " (timestamps must be strictly increasing)");
      }
    }
  }

  /**
   * Builds a series from raw observations, dropping NaN values (counted) and rejecting infinities, unsorted
   * or duplicated timestamps.
   *
   * @throws IllegalArgumentException naming the first bad sample
   */
  public static Series of(List<Sample> raw) {
    Objects.requireNonNull(raw, "raw");
    List<Sample> kept = new ArrayList<>(raw.size());
    int nan = 0;
    for (Sample s : raw) {
      Objects.requireNonNull(s, "raw contains a null sample");
      if (Double.isNaN(s.value())) {
        nan++;
      } else {
        kept.add(s);
      }
    }
    return new Series(kept, nan);
  }

  /** Number of finite samples. */
  public int size() {
    return samples.size();
  }

  /** True when the series holds no finite sample. */
  public boolean isEmpty() {
    return samples.isEmpty();
  }

  /** The values in time order, as a fresh array the caller may modify. */
  public double[] values() {
    double[] out = new double[samples.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = samples.get(i).value();
    }
    return out;
  }
}
