package dev.vigil.core.trigger;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) evaluated in an
 * IANA time zone. Fields take {@code *}, numbers, ranges {@code a-b}, steps {@code /n}, lists and
 * English names ({@code MON-FRI}, {@code JAN}); {@code @hourly}, {@code @daily}, {@code @weekly},
 * {@code @monthly} and {@code @yearly} are shorthands. As in Vixie cron, when both day fields are
 * restricted a day matching either one fires.
 *
 * <p>Daylight saving time: a wall-clock time that does not exist (skipped by a spring-forward
 * change) fires at the same offset after the change, e.g. 02:30 becomes 03:30; a wall-clock time
 * that occurs twice (autumn) fires once, at its first occurrence. So a daily job fires exactly once
 * every local day, which is what people mean by "every day at 02:30".
 *
 * <p>Immutable and thread-safe.
 */
public final class CronExpression {
  private static final Map<String, String> MACROS =
      Map.of(
          "@hourly", "0 * * * *",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@weekly", "0 0 * * 0",
          "@monthly", "0 0 1 * *",
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *");
  private static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  /** Longer than any gap between two matches of a valid expression (Feb 29 on a weekday: 28 y). */
  private static final int MAX_YEARS_AHEAD = 30;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private CronExpression(String text, String[] fields) {
    this.text = text;
    this.minutes = parseField(fields[0], "minute", 0, 59, null);
    this.hours = parseField(fields[1], "hour", 0, 23, null);
    this.daysOfMonth = parseField(fields[2], "day-of-month", 1, 31, null);
    this.months = parseField(fields[3], "month", 1, 12, MONTHS);
    BitSet dow = parseField(fields[4], "day-of-week", 0, 7, DAYS);
    if (dow.get(7)) {
      dow.set(0); // 7 is Sunday too
      dow.clear(7);
    }
    this.daysOfWeek = dow;
    this.domRestricted = !fields[2].equals("*") && !fields[2].equals("?");
    this.dowRestricted = !fields[4].equals("*") && !fields[4].equals("?");
  }

  /**
   * Parses {@code expression}.
   *
   * @throws IllegalArgumentException naming the field and the accepted form when it is invalid
   */
  public static CronExpression parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("cron expression must not be empty");
    }
    String trimmed = expression.trim();
    String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    String[] fields = expanded.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "cron expression '"
              + expression
              + "' has "
              + fields.length
              + " fields; expected 5: minute hour day-of-month month day-of-week (e.g. '0 9 * * MON-FRI')");
    }
    return new CronExpression(trimmed, fields);
  }

  private static BitSet parseField(String field, String name, int min, int max, String[] names) {
    BitSet bits = new BitSet(max + 1);
    for (String part : field.split(",", -1)) {
      try {
        parsePart(part.toUpperCase(Locale.ROOT), min, max, names, bits);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cron "
                + name
                + " field '"
                + field
                + "': "
                + e.getMessage()
                + " (allowed: "
                + min
                + "-"
                + max
                + (names != null ? " or names like " + names[1] : "")
                + ", *, a-b, */n, lists)",
            e);
      }
    }
    return bits;
  }

  private static void parsePart(String part, int min, int max, String[] names, BitSet bits) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("empty list item");
    }
    int step = 1;
    String range = part;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      step = number(part.substring(slash + 1), 1, Integer.MAX_VALUE, null, "step");
      range = part.substring(0, slash);
    }
    int from;
    int to;
    if (range.equals("*") || range.equals("?")) {
      from = min;
      to = max;
    } else if (range.indexOf('-') > 0) {
      String[] ends = range.split("-", 2);
      from = number(ends[0], min, max, names, "value");
      to = number(ends[1], min, max, names, "value");
      if (from > to) {
        throw new IllegalArgumentException("range " + range + " runs backwards");
      }
    } else {
      from = number(range, min, max, names, "value");
      to = slash >= 0 ? max : from;
    }
    for (int v = from; v <= to; v += step) {
      bits.set(v);
    }
  }

  private static int number(String token, int min, int max, String[] names, String what) {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(token)) {
          return names == MONTHS ? i + 1 : i;
        }
      }
    }
    int value;
    try {
      value = Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + token + "' is not a number");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " " + value + " is out of range");
    }
    return value;
  }

  /**
   * The first instant strictly after {@code after} at which this expression fires in {@code zone},
   * or empty when it never fires (e.g. {@code 0 0 31 2 *}).
   */
  public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(zone, "zone");
    LocalDateTime local = LocalDateTime.ofInstant(after, zone);
    // Search wall-clock times strictly after the wall-clock time of `after`. Searching local time
    // is what makes a repeated autumn hour fire once (its second occurrence is not "after").
    LocalDateTime from = local.withSecond(0).withNano(0).plusMinutes(1);
    // Except just after a spring-forward change: a skipped time fires shifted by the gap, later
    // than `after` although its own wall-clock time is not after `local` (02:30 fires at 03:30, so
    // it is still ahead at 03:10). Search from the start of the gap then; a match's instant must
    // be after `after` in any case.
    ZoneOffsetTransition last = zone.getRules().previousTransition(after.plusNanos(1));
    if (last != null
        && last.isGap()
        && after.isBefore(last.getInstant().plus(last.getDuration()))
        && last.getDateTimeBefore().isBefore(from)) {
      from = last.getDateTimeBefore();
    }
    LocalDate limit = local.toLocalDate().plusYears(MAX_YEARS_AHEAD);
    Instant earliestShifted = null;
    for (LocalDateTime match = firstMatchFrom(from, limit);
        match != null;
        match = firstMatchFrom(match.plusMinutes(1), limit)) {
      Instant instant = ZonedDateTime.ofLocal(match, zone, null).toInstant();
      if (!instant.isAfter(after)) {
        continue; // a shifted or repeated time that fired already
      }
      if (zone.getRules().getValidOffsets(match).isEmpty()) {
        // Inside a gap: shifted times do not keep wall-clock order with the times after the gap
        // (02:30 -> 03:30 comes after 03:15), so keep the earliest and look on.
        if (earliestShifted == null || instant.isBefore(earliestShifted)) {
          earliestShifted = instant;
        }
        continue;
      }
      return Optional.of(
          earliestShifted != null && earliestShifted.isBefore(instant) ? earliestShifted : instant);
    }
    return Optional.ofNullable(earliestShifted);
  }

  /** The first wall-clock time at or after {@code candidate} that matches, or null by {@code limit}. */
  private LocalDateTime firstMatchFrom(LocalDateTime candidate, LocalDate limit) {
    while (!candidate.toLocalDate().isAfter(limit)) {
      if (!months.get(candidate.getMonthValue())) {
        candidate = candidate.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
        continue;
      }
      if (!dayMatches(candidate.toLocalDate())) {
        candidate = candidate.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      int hour = hours.nextSetBit(candidate.getHour());
      if (hour < 0) {
        candidate = candidate.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      if (hour != candidate.getHour()) {
        candidate = candidate.toLocalDate().atTime(hour, 0);
      }
      int minute = minutes.nextSetBit(candidate.getMinute());
      if (minute < 0) {
        candidate = candidate.toLocalDate().atTime(LocalTime.of(hour, 0)).plusHours(1);
        continue;
      }
      return candidate.withMinute(minute);
    }
    return null;
  }

  private boolean dayMatches(LocalDate date) {
    boolean dom = daysOfMonth.get(date.getDayOfMonth());
    int dowIndex = date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue();
    boolean dow = daysOfWeek.get(dowIndex);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  /** The expression as written. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronExpression other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
