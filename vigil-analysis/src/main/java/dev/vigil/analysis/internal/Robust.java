package dev.vigil.analysis.internal;

import java.util.Arrays;

/** Robust location and scale on plain arrays. Inputs are never modified. */
public final class Robust {
  /** Scales a median absolute deviation to the standard deviation of a normal distribution. */
  public static final double MAD_TO_SIGMA = 1.4826;

  private Robust() {}

  /** Median of the values; NaN for an empty array. */
  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    return medianOfSorted(s, 0, s.length);
  }

  /** Median of the sorted range [from, to). */
  public static double medianOfSorted(double[] sorted, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return Double.NaN;
    }
    int mid = from + n / 2;
    return (n % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  /** Median absolute deviation around the median (unscaled); NaN for an empty array. */
  public static double mad(double[] values) {
    double m = median(values);
    double[] dev = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      dev[i] = Math.abs(values[i] - m);
    }
    return median(dev);
  }

  /** Quantile by linear interpolation between order statistics (type 7), q in [0, 1]; NaN when empty. */
  public static double quantileOfSorted(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Arithmetic mean; NaN when empty. */
  public static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
