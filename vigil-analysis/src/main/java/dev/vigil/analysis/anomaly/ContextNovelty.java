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
 * a fixed-size memory: contexts are hashed into a {@link ContextMemory} of 2^{@value #MEMORY_BITS} bits (8 KB)
 * per generation, two generations, so memory stays bounded and very old shapes are eventually forgotten. A hash
 * collision makes a new context look known (less novelty, never more).
 *
 * <p>The levels are slices of [min, max] of every value seen so far; a value beyond it gets a level of its
 * own on either side. Not thread-safe.
 */
final class ContextNovelty {
  static final int MEMORY_BITS = 16;

  private final int levels;
  private final int order;
  private final int[] recentLevels;
  private final ContextMemory memory = new ContextMemory(MEMORY_BITS);
  private final RunningRange range = new RunningRange();
  private long seen;

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
    int level = range.level(value, levels);
    int fresh = 0;
    long context = level + 2;
    for (int k = 1; k <= order; k++) {
      context = ContextMemory.extend(context, recentLevels[(int) (((seen - k) % order + order) % order)]);
      int slot = memory.slot(context);
      if (!memory.known(slot)) {
        fresh++;
        if (seen >= order) {
          memory.remember(slot);
        }
      }
    }
    recentLevels[(int) (seen % order)] = level;
    seen++;
    range.add(value);
    return (double) fresh / order;
  }
}
