package dev.vigil.analysis.anomaly;

import java.util.Arrays;

/**
 * A bounded set of hashed contexts that forgets the oldest generation: keys are hashed into a bit set of
 * 2^{@code bits} bits; when half of it is set it becomes the previous generation and a fresh one starts, and a
 * key counts as known while it is in either. Memory is two bit sets however long the series runs (2 × 2^bits
 * bits), and a shape not seen for a generation is eventually forgotten. A hash collision makes an unknown key
 * look known (fewer new contexts, never more). Not thread-safe.
 */
final class ContextMemory {
  private final int bits;
  private final int rotateAt;
  private long[] current;
  private long[] previous;
  private int currentBits;

  /** A memory of 2 × 2^{@code bits} bits, {@code bits} in [6, 30]. */
  ContextMemory(int bits) {
    this.bits = bits;
    rotateAt = 1 << (bits - 1);
    current = new long[1 << (bits - 6)];
    previous = new long[1 << (bits - 6)];
  }

  /** The slot of {@code key} in the bit set. */
  int slot(long key) {
    return (int) (mix(key) >>> (64 - bits));
  }

  /** Whether the slot is set in either generation. */
  boolean known(int slot) {
    long mask = 1L << (slot & 63);
    return (current[slot >>> 6] & mask) != 0 || (previous[slot >>> 6] & mask) != 0;
  }

  /** Sets the slot in the current generation, starting a new generation when half of it is set. */
  void remember(int slot) {
    long mask = 1L << (slot & 63);
    if ((current[slot >>> 6] & mask) != 0) {
      return;
    }
    current[slot >>> 6] |= mask;
    if (++currentBits >= rotateAt) {
      long[] cleared = previous;
      Arrays.fill(cleared, 0);
      previous = current;
      current = cleared;
      currentBits = 0;
    }
  }

  /**
   * Folds the next small code into a context key: a polynomial in the codes with an odd 64-bit multiplier, so
   * two different sequences of small codes get the same key only if a sum of code differences times its
   * powers vanishes mod 2^64, which for codes this small does not happen in practice.
   */
  static long extend(long key, int code) {
    return key * 0x9E3779B97F4A7C15L + code + 2;
  }

  /** A 64-bit finaliser (MurmurHash3's): every input bit affects every output bit. */
  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }
}
