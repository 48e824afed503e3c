package dev.vigil.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the durations people write in configuration: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code PT5M}. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text, String name) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      Duration iso;
      try {
        iso = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw notADuration(text, name, e);
      }
      // Checked outside the try so the "not a duration" rewrap cannot hide what is wrong.
      return nonNegative(iso, text, name);
    }
    try {
      Duration total = Duration.ZERO;
      int i = 0;
      boolean any = false;
      while (i < t.length()) {
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
          i++;
        }
        if (start == i) {
          throw new IllegalArgumentException("expected a number at '" + t.substring(i) + "'");
        }
        long value = Long.parseLong(t.substring(start, i));
        int unitStart = i;
        while (i < t.length() && Character.isLetter(t.charAt(i))) {
          i++;
        }
        String unit = t.substring(unitStart, i);
        total =
            total.plus(
                switch (unit) {
                  case "ms" -> Duration.ofMillis(value);
                  case "s" -> Duration.ofSeconds(value);
                  case "m" -> Duration.ofMinutes(value);
                  case "h" -> Duration.ofHours(value);
                  case "d" -> Duration.ofDays(value);
                  case "w" -> Duration.ofDays(7 * value);
                  default -> throw new IllegalArgumentException("unknown unit '" + unit + "'");
                });
        any = true;
      }
      if (!any) {
        throw new IllegalArgumentException("empty");
      }
      return total;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw notADuration(text, name, e);
    }
  }

  private static IllegalArgumentException notADuration(String text, String name, Exception cause) {
    return new IllegalArgumentException(
        name + " '" + text + "' is not a duration (examples: 30s, 5m, 1h30m, 2d, PT15M)", cause);
  }

  private static Duration nonNegative(Duration d, String text, String name) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " '" + text + "' must not be negative");
    }
    return d;
  }

  /**
   * The short form {@link #parse} reads back, e.g. {@code 1h30m}. A duration with a part below a
   * millisecond, which the short form cannot write, is written in ISO-8601 ({@code PT0.0005S}).
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.getNano() % 1_000_000 != 0) {
      return d.toString();
    }
    StringBuilder sb = new StringBuilder();
    long s = d.getSeconds();
    long ms = d.toMillisPart();
    if (s / 86400 > 0) sb.append(s / 86400).append('d');
    if (s % 86400 / 3600 > 0) sb.append(s % 86400 / 3600).append('h');
    if (s % 3600 / 60 > 0) sb.append(s % 3600 / 60).append('m');
    if (s % 60 > 0) sb.append(s % 60).append('s');
    if (ms > 0) sb.append(ms).append("ms");
    return sb.toString();
  }
}
