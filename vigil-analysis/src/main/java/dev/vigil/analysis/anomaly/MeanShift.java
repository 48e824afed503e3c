package dev.vigil.analysis.anomaly;

/**
 * The mean of the last {@code window} values minus the mean of the {@code window} values before them: a level
 * shift or a ramp shows here as one clear step, where single points and the short mean hide it in noise.
 * O(1) per value (two running sums over a ring of 2 × window values). Not thread-safe.
 */
final class MeanShift {
  private final double[] ring;
  private final int window;
  private double newerSum;
  private double olderSum;
  private long seen;

  /** A shift between two adjacent windows of {@code window} values each. */
  MeanShift(int window) {
    this.window = window;
    ring = new double[2 * window];
  }

  /** Adds {@code value}; returns the shift once 2 × window values have been seen, NaN before. */
  double next(double value) {
    int slot = (int) (seen % ring.length);
    // The value 2·window back leaves the older half; the one window back moves from the newer to the older.
    if (seen >= ring.length) {
      olderSum -= ring[slot];
    }
    if (seen >= window) {
      double moving = ring[(int) ((seen - window) % ring.length)];
      newerSum -= moving;
      olderSum += moving;
    }
    ring[slot] = value;
    newerSum += value;
    seen++;
    return seen >= ring.length ? (newerSum - olderSum) / window : Double.NaN;
  }
}
