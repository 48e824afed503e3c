package dev.vigil.analysis.baseline;

import java.util.Objects;

/** What the baseline says about a moment: an expectation, or an honest "not enough history". */
public sealed interface BaselineEstimate {
  /**
   * The expected value at a moment.
   *
   * @param median the bucket's median plus the current level adjustment
   * @param spread robust standard deviation (1.4826·MAD, floored by the 10–90 % range, by √mean for
   *     count-like values and by {@link BaselineSettings#minSpread()}), &gt; 0
   * @param samples values in the bucket the estimate rests on
   * @param basis which bucket was used
   */
  record Expected(double median, double spread, int samples, Basis basis) implements BaselineEstimate {
    public Expected {
      if (!Double.isFinite(median)) {
        throw new IllegalArgumentException("median must be finite, got " + median);
      }
      if (!(spread > 0)) {
        throw new IllegalArgumentException("spread must be > 0, got " + spread);
      }
      Objects.requireNonNull(basis, "basis");
    }

    /** How many spreads {@code value} is from the median (positive above). */
    public double deviation(double value) {
      return (value - median) / spread;
    }
  }

  /**
   * Too little history to say what normal is.
   *
   * @param reason what is missing, for the finding's text
   * @param samples values available
   * @param needed values needed
   */
  record InsufficientHistory(String reason, int samples, int needed) implements BaselineEstimate {
    public InsufficientHistory {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Which bucket an estimate rests on. */
  enum Basis {
    /** The same hour of the same weekday. */
    HOUR_OF_WEEK,
    /** The same hour on any day, used while the weekly bucket is still thin. */
    HOUR_OF_DAY
  }
}
