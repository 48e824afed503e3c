package dev.vigil.analysis.judge;

import dev.vigil.analysis.internal.Robust;
import java.util.Locale;

/**
 * How large a shift in the bad direction is still acceptable: the largest of an absolute amount (in the metric's
 * unit), a fraction of the reference median, and a multiple of the reference window's own noise.
 *
 * <p>Each part covers a case the others miss: a relative tolerance is zero for a metric whose normal value is
 * zero (errors), an absolute one means nothing across metrics of different scale, and neither knows how much
 * a metric wanders on its own. The noise part is what keeps a judge quiet on bursty series (request counts,
 * tweet volumes) whose windows differ by more than 10 % every hour without anything having changed; the rank
 * test alone cannot, because neighbouring points of such series are not independent and its p-values are too
 * small. Noise is the reference's robust standard deviation, see {@link #noiseOf(double[])}.
 *
 * @param absolute allowed shift in the metric's unit, ≥ 0
 * @param relative allowed shift as a fraction of |reference median|, ≥ 0 (0.1 = 10 %)
 * @param noise allowed shift in robust standard deviations of the reference window, ≥ 0 (0 = off)
 */
public record Tolerance(double absolute, double relative, double noise) {
  /**
   * The default: 10 % of the reference median or three robust standard deviations of the reference, whichever
   * is larger. Three, because on the NAB judge benchmark's tuning half going from no noise allowance to 2, 3
   * and 5 took the false failure rate from 20 % to 3.1, 2.4 and 2.0 % while recall fell from 0.35 to 0.30,
   * 0.28 and 0.22 (docs/benchmarks.md).
   */
  public static final Tolerance DEFAULT = new Tolerance(0, 0.10, 3);

  /** A tolerance without a noise allowance. */
  public Tolerance(double absolute, double relative) {
    this(absolute, relative, 0);
  }

  public Tolerance {
    if (!(absolute >= 0) || Double.isInfinite(absolute)) {
      throw new IllegalArgumentException("absolute tolerance must be a finite number >= 0, got " + absolute);
    }
    if (!(relative >= 0) || Double.isInfinite(relative)) {
      throw new IllegalArgumentException("relative tolerance must be a finite number >= 0, got " + relative);
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise tolerance must be a finite number >= 0, got " + noise);
    }
  }

  /** The allowed shift given the reference median, ignoring the noise part. */
  public double allowedShift(double referenceMedian) {
    return Math.max(absolute, relative * Math.abs(referenceMedian));
  }

  /** The allowed shift given the reference window's values. */
  public double allowedShift(double[] reference) {
    double allowed = allowedShift(Robust.median(reference));
    return noise == 0 ? allowed : Math.max(allowed, noise * noiseOf(reference));
  }

  /**
   * The robust standard deviation of a window: 1.4826 × MAD, or, when more than half the values tie so that the
   * MAD is zero, 1.2533 × the mean absolute deviation from the median (both equal σ for normal data). The
   * fallback matters for mostly-flat windows with a few blips, whose MAD of zero would make any shift "many
   * standard deviations".
   */
  public static double noiseOf(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double mad = Robust.mad(values);
    if (mad > 0) {
      return Robust.MAD_TO_SIGMA * mad;
    }
    double m = Robust.median(values);
    double sum = 0;
    for (double v : values) {
      sum += Math.abs(v - m);
    }
    return MEAN_DEVIATION_TO_SIGMA * sum / values.length;
  }

  private static final double MEAN_DEVIATION_TO_SIGMA = Math.sqrt(Math.PI / 2);

  /**
   * Parses {@code 10%} (relative), {@code 25} (absolute), {@code 3sd} (robust standard deviations of the
   * reference) or several separated by commas ({@code 5,10%,3sd}).
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static Tolerance parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("tolerance is empty (expected e.g. 10% or 25 or 25,10%)");
    }
    double absolute = 0;
    double relative = 0;
    double noise = 0;
    for (String raw : text.split(",")) {
      String part = raw.trim().toLowerCase(Locale.ROOT);
      try {
        if (part.endsWith("sd")) {
          noise = Double.parseDouble(part.substring(0, part.length() - 2).trim());
        } else if (part.endsWith("%")) {
          relative = Double.parseDouble(part.substring(0, part.length() - 1).trim()) / 100.0;
        } else {
          absolute = Double.parseDouble(part);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("tolerance part '" + raw.trim()
            + "' is not a number, a percentage or a multiple of sd (expected e.g. 10% or 25 or 3sd or 25,10%)", e);
      }
    }
    return new Tolerance(absolute, relative, noise);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (absolute != 0) {
      s.append(fmt(absolute));
    }
    if (relative != 0 || (absolute == 0 && noise == 0)) {
      s.append(s.isEmpty() ? "" : ",").append(fmt(relative * 100)).append('%');
    }
    if (noise != 0) {
      s.append(s.isEmpty() ? "" : ",").append(fmt(noise)).append("sd");
    }
    return s.toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
