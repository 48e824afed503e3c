package dev.vigil.core.graph;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What normal looks like for one signal of one service, learned from the metric store's history and
 * kept so that a check does not read a week of history each time: per hour of the week (in UTC, Monday
 * 00:00-01:00 is hour 0), the median, a robust spread and how many values the hour rests on.
 *
 * @param query the PromQL the history was read with (for a person to check it)
 * @param learnedFrom the start of the history read
 * @param learnedTo its end (the refresh time)
 * @param points values read
 * @param hours exactly 168, in hour-of-week order
 * @param step the spacing of the values read
 * @param range the whole history's extremes and quantiles, which a check's range test needs and the hours do
 *     not keep; empty for baselines stored before it was kept
 * @param recent the last stretch of the history's values themselves, which the judge's anomaly check and its
 *     count of past shifts need and a summary cannot give; empty for baselines stored before they were kept
 */
public record LearnedBaseline(NodeId service, String signal, String query, Instant learnedFrom, Instant learnedTo,
    int points, List<Hour> hours, Duration step, Optional<Range> range, Optional<Values> recent) {
  public static final int HOURS_PER_WEEK = 168;

  /** A baseline without the history's values (as stored before they were kept). */
  public LearnedBaseline(NodeId service, String signal, String query, Instant learnedFrom, Instant learnedTo,
      int points, List<Hour> hours, Duration step, Optional<Range> range) {
    this(service, signal, query, learnedFrom, learnedTo, points, hours, step, range, Optional.empty());
  }

  /**
   * Values at a regular step: value {@code i} belongs to {@code from + i × step}; NaN where the metric store
   * had none (a gap, or 0/0). Why a grid and not timestamped samples: the metric store answers a range query
   * on exactly that grid, so the times carry no information and the values pack into 8 bytes each.
   */
  public record Values(Instant from, Duration step, double[] values) {
    public Values {
      Objects.requireNonNull(from, "from");
      if (step == null || step.isNegative() || step.isZero()) {
        throw new IllegalArgumentException("values need a positive step");
      }
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    /** The time of value {@code i}. */
    public Instant at(int i) {
      return from.plus(step.multipliedBy(i));
    }

    public int size() {
      return values.length;
    }

    /** Value {@code i} without copying the array. */
    public double value(int i) {
      return values[i];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Values v && from.equals(v.from) && step.equals(v.step)
          && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
      return Objects.hash(from, step, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
      return "Values[from=" + from + ", step=" + step + ", " + values.length + " values]";
    }
  }

  /** Which hours the expectation rests on; {@link #INSUFFICIENT} rather than a guess. */
  public enum Basis {
    HOUR_OF_WEEK,
    HOUR_OF_DAY,
    INSUFFICIENT;

    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Basis fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /**
   * Normal in one hour of the week.
   *
   * @param median empty when the history was too thin ({@code basis} insufficient)
   * @param spread robust standard deviation, {@code > 0}; NaN when the median is empty
   */
  public record Hour(int hourOfWeek, OptionalDouble median, double spread, int samples, Basis basis) {
    public Hour {
      if (hourOfWeek < 0 || hourOfWeek >= HOURS_PER_WEEK) {
        throw new IllegalArgumentException("hour of week must be within 0..167, was " + hourOfWeek);
      }
      if (median == null || basis == null || samples < 0) {
        throw new IllegalArgumentException("hour " + hourOfWeek + " needs a median (or none), a basis and samples >= 0");
      }
      if (median.isPresent() != (basis != Basis.INSUFFICIENT)) {
        throw new IllegalArgumentException("hour " + hourOfWeek + ": a median goes with a basis other than insufficient");
      }
    }
  }

  /**
   * The values of the whole history at once: how many, their extremes and the 10th, 50th and 90th
   * percentiles, the summary a before/after check needs of a week so it does not read the week itself.
   */
  public record Range(int values, double low, double high, double p10, double median, double p90) {
    public Range {
      if (values < 1 || !(low <= p10 && p10 <= median && median <= p90 && p90 <= high)) {
        throw new IllegalArgumentException("a history range needs values and low <= p10 <= median <= p90 <= high");
      }
    }
  }

  public LearnedBaseline {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(recent, "recent");
    if (step == null || step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("a learned baseline needs the positive step it was read at");
    }
    if (service == null || signal == null || signal.isBlank() || query == null || learnedFrom == null
        || learnedTo == null || learnedTo.isBefore(learnedFrom) || points < 0) {
      throw new IllegalArgumentException("a learned baseline needs a service, a signal, its query and the history"
          + " it was learned from");
    }
    hours = List.copyOf(hours);
    if (hours.size() != HOURS_PER_WEEK) {
      throw new IllegalArgumentException("baseline of " + service + " " + signal + " needs 168 hours, has " + hours.size());
    }
    for (int i = 0; i < HOURS_PER_WEEK; i++) {
      if (hours.get(i).hourOfWeek() != i) {
        throw new IllegalArgumentException("baseline of " + service + " " + signal + ": hours must be in order");
      }
    }
  }

  /** Normal at {@code t}: the hour of the week it falls in. */
  public Hour at(Instant t) {
    return hours.get(hourOfWeek(t));
  }

  /** 0 for Monday 00:00-01:00 UTC, up to 167 for Sunday 23:00-24:00. */
  public static int hourOfWeek(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    return (z.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + z.getHour();
  }
}
