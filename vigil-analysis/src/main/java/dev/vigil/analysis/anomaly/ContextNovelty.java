package dev.vigil.analysis.anomaly;

/**
 * How new the recent shape of a series is: each value is cut into one of a few levels of the range seen so
 * far, and the "context" of order k is this point's level together with the k levels before it. A context of
 * order k that the series has never produced is new; the novelty of a point is the share of the orders
 * 1..{@code order} whose context is new. Because contexts nest (a new order-k context makes every longer one
 * new too), novelty 1 means even "this level right after that one" never happened, and novelty 1/order that
 * only the longest pattern is new.
 *
 * <p>Unlike ranks over a sliding history, this memory keeps what it has seen for the life of the series, so a
 * burst the series has already produced many times stops being new, however long ago the last one was. That is
 * the idea of contextual detectors such as CAD OSE (novelty of contexts of quantised values), reduced here to
 * a fixed-size memory: contexts are hashed into a bit set of {@value #MEMORY_BITS} bits (8 KB); when half of
 * it is set, it becomes the previous generation and a fresh one starts, and a context counts as known while it
 * is in either, so memory stays bounded and very old shapes are eventually forgotten. A hash collision makes a
 * new context look known (less novelty, never more).
 *
 * <p>The levels are slices of [min, max] of every value seen so far; a value beyond it gets a level of its
 * own on either side. Not thread-safe.
 */
final class ContextNovelty {
  static final int MEMORY_BITS = 16;
  private static final int ROTATE_AT = 1 << (MEMORY_BITS - 1);

  private final int levels;
  private final int order;
  private final int[] recentLevels;
  private long[] current = new long[1 << (MEMORY_BITS - 6)];
  private long[] previous = new long[1 << (MEMORY_BITS - 6)];
  private int currentBits;
  private long seen;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** A memory of contexts of up to {@code order} previous levels, the range cut into {@code levels} slices. */
  ContextNovelty(int levels, int order) {
    this.levels = levels;
    this.order = order;
    recentLevels = new int[order];
  }

  /**
   * The novelty of {@code value} in [0, 1] (see the class comment), then remembers its contexts. Until
   * {@code order} values have been seen the contexts are incomplete: they are measured but not remembered.
   */
  double next(double value) {
    int level = level(value);
    int fresh = 0;
    // A polynomial in the (small) level codes with an odd 64-bit multiplier: two different contexts get the
    // same value only if a sum of code differences times its powers vanishes mod 2^64, which for codes this
    // small does not happen in practice; the finaliser then spreads it over the bit set.
    long context = level + 2;
    for (int k = 1; k <= order; k++) {
      context = context * 0x9E3779B97F4A7C15L + recentLevels[(int) (((seen - k) % order + order) % order)] + 2;
      int bit = (int) (mix(context) >>> (64 - MEMORY_BITS));
      if (!known(bit)) {
        fresh++;
        if (seen >= order) {
          remember(bit);
        }
      }
    }
    recentLevels[(int) (seen % order)] = level;
    seen++;
    min = Math.min(min, value);
    max = Math.max(max, value);
    return (double) fresh / order;
  }

  /** A 64-bit finaliser (MurmurHash3's): every input bit affects every output bit. */
  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  private int level(double value) {
    if (value > max) {
      return levels;
    }
    if (value < min) {
      return -1;
    }
    double range = max - min;
    return range > 0 ? Math.min(levels - 1, (int) ((value - min) / range * levels)) : 0;
  }

  private boolean known(int bit) {
    long mask = 1L << (bit & 63);
    return (current[bit >>> 6] & mask) != 0 || (previous[bit >>> 6] & mask) != 0;
  }

  private void remember(int bit) {
    long mask = 1L << (bit & 63);
    if ((current[bit >>> 6] & mask) != 0) {
      return;
    }
    current[bit >>> 6] |= mask;
    if (++currentBits >= ROTATE_AT) {
      long[] cleared = previous;
      java.util.Arrays.fill(cleared, 0);
      previous = current;
      current = cleared;
      currentBits = 0;
    }
  }
}
