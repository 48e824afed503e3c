package dev.vigil.analysis.anomaly;

/**
 * The range [min, max] of every value seen so far, cut into levels: the contextual views quantise a value
 * against it. Nothing is forgotten, so the slices only ever widen. Not thread-safe.
 */
final class RunningRange {
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /**
   * The slice of the range seen so far, 0..{@code levels} − 1, that {@code value} falls in; −1 below everything
   * seen and {@code levels} above it (a new extreme is a level of its own), 0 while the range is a single value.
   */
  int level(double value, int levels) {
    if (value > max) {
      return levels;
    }
    if (value < min) {
      return -1;
    }
    double range = max - min;
    return range > 0 ? Math.min(levels - 1, (int) ((value - min) / range * levels)) : 0;
  }

  /** Widens the range to {@code value}. */
  void add(double value) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
}
