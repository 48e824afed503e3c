package dev.vigil.analysis.judge;

import java.util.Locale;

/** Which way a metric gets worse: latency and errors up, throughput and success rate down, or either. */
public enum Direction {
  HIGHER_IS_WORSE("higher-is-worse"),
  LOWER_IS_WORSE("lower-is-worse"),
  BOTH("both");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  /** The command-line spelling, e.g. {@code higher-is-worse}. */
  public String label() {
    return label;
  }

  /**
   * Parses the command-line spelling.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static Direction parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (Direction d : values()) {
      if (d.label.equals(t)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown direction '" + text
        + "' (expected: higher-is-worse, lower-is-worse, both)");
  }
}
