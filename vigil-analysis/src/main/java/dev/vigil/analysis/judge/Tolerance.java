package dev.vigil.analysis.judge;

import java.util.Locale;

/**
 * How large a shift in the bad direction is still acceptable: the larger of an absolute amount (in the metric's
 * unit) and a fraction of the reference median.
 *
 * <p>Both parts exist because neither works alone: a relative tolerance is zero for a metric whose normal
 * value is zero (errors), and an absolute one means nothing across metrics of different scale.
 *
 * @param absolute allowed shift in the metric's unit, ≥ 0
 * @param relative allowed shift as a fraction of |reference median|, ≥ 0 (0.1 = 10 %)
 */
public record Tolerance(double absolute, double relative) {
  /** The default: 10 % of the reference median, nothing absolute. */
  public static final Tolerance DEFAULT = new Tolerance(0, 0.10);

  public Tolerance {
    if (!(absolute >= 0) || Double.isInfinite(absolute)) {
      throw new IllegalArgumentException("absolute tolerance must be a finite number >= 0, got " + absolute);
    }
    if (!(relative >= 0) || Double.isInfinite(relative)) {
      throw new IllegalArgumentException("relative tolerance must be a finite number >= 0, got " + relative);
    }
  }

  /** The allowed shift given the reference median. */
  public double allowedShift(double referenceMedian) {
    return Math.max(absolute, relative * Math.abs(referenceMedian));
  }

  /**
   * Parses {@code 10%} (relative), {@code 25} (absolute) or both separated by a comma ({@code 5,10%}).
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static Tolerance parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("tolerance is empty (expected e.g. 10% or 25 or 25,10%)");
    }
    double absolute = 0;
    double relative = 0;
    for (String raw : text.split(",")) {
      String part = raw.trim().toLowerCase(Locale.ROOT);
      try {
        if (part.endsWith("%")) {
          relative = Double.parseDouble(part.substring(0, part.length() - 1).trim()) / 100.0;
        } else {
          absolute = Double.parseDouble(part);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("tolerance part '" + raw.trim()
            + "' is not a number or a percentage (expected e.g. 10% or 25 or 25,10%)", e);
      }
    }
    return new Tolerance(absolute, relative);
  }

  @Override
  public String toString() {
    if (absolute == 0) {
      return fmt(relative * 100) + "%";
    }
    return relative == 0 ? fmt(absolute) : fmt(absolute) + "," + fmt(relative * 100) + "%";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
