package dev.vigil.integrations.promql.internal;

import java.time.Duration;
import java.util.List;

/** PromQL duration text ({@code 1h30m}, {@code 90s}, {@code 1y}) to and from {@link Duration}. */
public final class Durations {
  /** Units largest first; PromQL's year is 365 days and its week 7 days, no calendar. */
  private static final List<String> UNITS = List.of("y", "w", "d", "h", "m", "s", "ms");

  private static final List<Duration> UNIT_LENGTHS = List.of(Duration.ofDays(365), Duration.ofDays(7),
      Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMillis(1));

  private Durations() {}

  /** Position of {@code unit} from largest (0) to smallest, -1 for anything else. */
  public static int unitRank(String unit) {
    return UNITS.indexOf(unit);
  }

  /** Parses text the lexer has already checked, e.g. {@code 1h30m}. */
  public static Duration parse(String text) {
    Duration total = Duration.ZERO;
    int i = 0;
    while (i < text.length()) {
      int digits = i;
      while (i < text.length() && Character.isDigit(text.charAt(i))) {
        i++;
      }
      long amount = Long.parseLong(text.substring(digits, i));
      String unit = text.startsWith("ms", i) ? "ms" : String.valueOf(text.charAt(i));
      total = total.plus(UNIT_LENGTHS.get(unitRank(unit)).multipliedBy(amount));
      i += unit.length();
    }
    return total;
  }

  /** The shortest PromQL text for {@code duration}, e.g. {@code 1h30m}; {@code 0s} for zero. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long millis = duration.toMillis();
    for (int i = 0; i < UNITS.size(); i++) {
      long unitMillis = UNIT_LENGTHS.get(i).toMillis();
      if (millis >= unitMillis) {
        out.append(millis / unitMillis).append(UNITS.get(i));
        millis %= unitMillis;
      }
    }
    return out.toString();
  }
}
