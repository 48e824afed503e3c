package dev.vigil.analysis.judge;

import java.util.Objects;

/**
 * The statistics behind one comparison of an after-window with a reference window (the window just before the
 * deploy, or the same window a week earlier). Fields that could not be computed (not enough data) are NaN.
 *
 * @param reference what the after-window was compared with, e.g. {@code before} or {@code last week}
 * @param verdict the verdict of this comparison alone
 * @param reason one sentence a person can check against the numbers
 * @param referenceSize finite values in the reference window
 * @param candidateSize finite values in the after-window
 * @param referenceMedian median of the reference window
 * @param candidateMedian median of the after-window
 * @param shift Hodges-Lehmann shift, after − reference, in the metric's unit
 * @param shiftLower lower bound of the shift's confidence interval (may be -Infinity)
 * @param shiftUpper upper bound of the shift's confidence interval (may be +Infinity)
 * @param pValue Mann-Whitney p-value in the bad direction (two-sided when both directions are bad)
 * @param allowedShift the tolerance turned into the metric's unit for this reference
 * @param exact whether the p-value comes from the exact permutation distribution
 */
public record Comparison(
    String reference,
    Verdict verdict,
    String reason,
    int referenceSize,
    int candidateSize,
    double referenceMedian,
    double candidateMedian,
    double shift,
    double shiftLower,
    double shiftUpper,
    double pValue,
    double allowedShift,
    boolean exact) {
  public Comparison {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    if (referenceSize < 0 || candidateSize < 0) {
      throw new IllegalArgumentException("sizes must be >= 0, got referenceSize=" + referenceSize
          + " candidateSize=" + candidateSize);
    }
  }
}
