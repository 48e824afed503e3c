package dev.vigil.analysis.internal;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream, kept both in arrival order (to evict the oldest) and sorted
 * (to answer rank and quantile queries in O(log n)). Adding costs one binary search and one array shift per
 * eviction and insertion, which for a few thousand values is a sub-microsecond memmove.
 * Not thread-safe.
 */
public final class SlidingRank {
  private final double[] ring;
  private final double[] sorted;
  private int size;
  private int head;

  /** A window holding at most {@code capacity} values. */
  public SlidingRank(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    ring = new double[capacity];
    sorted = new double[capacity];
  }

  /** Adds a finite value, evicting the oldest when full. */
  public void add(double value) {
    // -0.0 and 0.0 compare unequal in Arrays.binarySearch; one zero keeps eviction exact.
    double v = value == 0 ? 0.0 : value;
    if (size == ring.length) {
      double old = ring[head];
      int at = Arrays.binarySearch(sorted, 0, size, old);
      System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
      size--;
    }
    ring[head] = v;
    head = (head + 1) % ring.length;
    int at = Arrays.binarySearch(sorted, 0, size, v);
    if (at < 0) {
      at = -at - 1;
    }
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = v;
    size++;
  }

  /** Number of values held. */
  public int size() {
    return size;
  }

  /** How many held values are ≥ v. */
  public int countAtLeast(double v) {
    return size - lowerBound(v);
  }

  /** How many held values are ≤ v. */
  public int countAtMost(double v) {
    return upperBound(v);
  }

  /** The q-quantile of the held values (q in [0, 1]); NaN when empty. */
  public double quantile(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    double h = (size - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, size - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private int lowerBound(double v) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int upperBound(double v) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
