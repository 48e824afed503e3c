package dev.vigil.demo.shop;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * How many requests per second customers send to the shop's entry point, before noise: a quiet
 * night, a morning rise, a lunch peak and a larger evening peak, and lighter weekends.
 *
 * @param peakRps requests per second at the evening peak of a weekday
 * @param zone the shop's local time, which the daily pattern follows
 */
public record Traffic(double peakRps, ZoneId zone) {
  public Traffic {
    Objects.requireNonNull(zone, "zone");
    if (!(peakRps > 0)) {
      throw new IllegalArgumentException("peak requests per second must be > 0, got " + peakRps);
    }
  }

  /** Requests per second at {@code t}, without noise. */
  public double rate(Instant t) {
    ZonedDateTime local = t.atZone(zone);
    double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    double day = 0.22 + 0.18 * bump(hour, 9.0, 1.5) + 0.55 * bump(hour, 12.5, 2.5) + 0.78 * bump(hour, 20.0, 2.2);
    DayOfWeek weekday = local.getDayOfWeek();
    double week = weekday == DayOfWeek.SATURDAY ? 0.82 : weekday == DayOfWeek.SUNDAY ? 0.76 : 1.0;
    return peakRps * day * week;
  }

  /** A bell around {@code centre} hours, wrapping around midnight. */
  private static double bump(double hour, double centre, double width) {
    double d = Math.abs(hour - centre);
    d = Math.min(d, 24 - d);
    return Math.exp(-(d * d) / (2 * width * width));
  }
}
