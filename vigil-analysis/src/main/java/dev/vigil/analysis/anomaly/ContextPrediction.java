package dev.vigil.analysis.anomaly;

/**
 * A second, contextual detector: how badly the series' own past failed to predict this point, in the manner of
 * contextual anomaly detectors such as CAD OSE, reduced to a fixed-size memory.
 *
 * <p>Each value is cut into 2^{@code resolutions} slices of the range seen so far ({@link RunningRange}; a new
 * extreme is a level of its own), and read at every resolution 1..{@code resolutions}: 2, 4, 8, ... slices, the
 * coarser ones the leading bits of the finest, so "high after high" is learnt even while the exact levels
 * differ. At each resolution and for each order k in 1..{@code order}, the last k levels are a <em>left
 * context</em> (a situation the series has been in) and, with this point's level, a <em>context</em> (what
 * followed). A left context the series has produced before is a prediction; it came true if this point's level
 * has followed it before. The score is
 *
 * <pre>(1 − predictions that came true / predictions made + new contexts / contexts) / 2</pre>
 *
 * in [0, 1]: 0 when every situation was known and each was followed by this level before, 1 when every
 * prediction failed and every context is new, 0.5 + new/2 when nothing was predicted (a young memory).
 *
 * <p>Why next to the rank features: ranks ask whether a point is extreme among the last points; this asks
 * whether the sequence is one the series has made before, at any time in its life and at any of several
 * scales. A jump to a level the series never reached from where it was scores high even when the value is not
 * extreme (near 1 only when even the coarse halves of the range never followed each other that way, as after a
 * new extreme), and a burst the series repeats every day scores near 0. Its errors differ from the ranks', which
 * is what an ensemble needs.
 *
 * <p>Memory: situations and contexts are hashed into two {@link ContextMemory} sets of 2 × 2^{@value
 * #MEMORY_BITS} bits (16 KB each); old shapes are forgotten a generation at a time. Cost: resolutions × order
 * hashes and four bit look-ups each per point. Until {@code order} values have been seen the contexts are
 * incomplete: they are measured but not remembered. Not thread-safe.
 */
final class ContextPrediction {
  static final int MEMORY_BITS = 16;
  /** Keeps a context's key apart from its left context's: a different odd multiplier than the polynomial's. */
  private static final long CONTEXT_SALT = 0xC2B2AE3D27D4EB4FL;

  private final int resolutions;
  private final int order;
  private final int[] recentLevels;
  private final RunningRange range = new RunningRange();
  private final ContextMemory situations = new ContextMemory(MEMORY_BITS);
  private final ContextMemory contexts = new ContextMemory(MEMORY_BITS);
  private final int[] situationSlots;
  private final int[] contextSlots;
  private long seen;

  /** A detector over resolutions 1..{@code resolutions} (1..8) and orders 1..{@code order} (1..16). */
  ContextPrediction(int resolutions, int order) {
    if (resolutions < 1 || resolutions > 8 || order < 1 || order > 16) {
      throw new IllegalArgumentException("resolutions must be in [1, 8] and order in [1, 16], got " + resolutions
          + " and " + order);
    }
    this.resolutions = resolutions;
    this.order = order;
    recentLevels = new int[order];
    situationSlots = new int[resolutions * order];
    contextSlots = new int[resolutions * order];
  }

  /** The score of {@code value} in [0, 1] (see the class comment), then remembers its contexts. */
  double next(double value) {
    int finest = range.level(value, 1 << resolutions);
    int predicted = 0;
    int cameTrue = 0;
    int fresh = 0;
    int n = 0;
    for (int r = 1; r <= resolutions; r++) {
      int level = coarse(finest, r);
      long situation = r * 31L + 7;
      for (int k = 1; k <= order; k++) {
        situation = ContextMemory.extend(situation,
            coarse(recentLevels[(int) (((seen - k) % order + order) % order)], r));
        int situationSlot = situations.slot(situation);
        int contextSlot = contexts.slot(situation * CONTEXT_SALT + level + 2);
        boolean followedBefore = contexts.known(contextSlot);
        if (situations.known(situationSlot)) {
          predicted++;
          cameTrue += followedBefore ? 1 : 0;
        }
        fresh += followedBefore ? 0 : 1;
        situationSlots[n] = situationSlot;
        contextSlots[n] = contextSlot;
        n++;
      }
    }
    if (seen >= order) {
      for (int i = 0; i < n; i++) {
        situations.remember(situationSlots[i]);
        contexts.remember(contextSlots[i]);
      }
    }
    recentLevels[(int) (seen % order)] = finest;
    seen++;
    range.add(value);
    double trueShare = predicted > 0 ? (double) cameTrue / predicted : 0;
    return (1 - trueShare + (double) fresh / n) / 2;
  }

  /** The level at resolution r (2^r slices) of a finest level, keeping "below" and "above the range" apart. */
  private int coarse(int finest, int r) {
    if (finest < 0) {
      return -1;
    }
    if (finest >= 1 << resolutions) {
      return 1 << r;
    }
    return finest >> (resolutions - r);
  }
}
