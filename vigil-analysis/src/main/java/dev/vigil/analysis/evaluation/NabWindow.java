package dev.vigil.analysis.evaluation;

/**
 * A labelled anomaly window as row indices of its file.
 *
 * @param first index of the window's first row, ≥ 0
 * @param last index of the window's last row (inclusive), ≥ first
 */
public record NabWindow(int first, int last) {
  public NabWindow {
    if (first < 0) {
      throw new IllegalArgumentException("first must be >= 0, got " + first);
    }
    if (last < first) {
      throw new IllegalArgumentException("last " + last + " must be >= first " + first);
    }
  }

  /** Number of rows in the window. */
  public int width() {
    return last - first + 1;
  }
}
