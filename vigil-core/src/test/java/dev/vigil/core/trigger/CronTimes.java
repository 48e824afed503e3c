package dev.vigil.core.trigger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Lists the instants a cron expression fires at, so tests can compare whole sequences. */
final class CronTimes {
  private CronTimes() {}

  /** Every instant in {@code [from, to)} at which {@code cron} fires in {@code zone}. */
  static List<Instant> firesBetween(String cron, String zone, Instant from, Instant to) {
    CronExpression expression = CronExpression.parse(cron);
    ZoneId zoneId = ZoneId.of(zone);
    List<Instant> fires = new ArrayList<>();
    Optional<Instant> next = expression.nextAfter(from.minusNanos(1), zoneId);
    while (next.isPresent() && next.get().isBefore(to)) {
      fires.add(next.get());
      next = expression.nextAfter(next.get(), zoneId);
    }
    return fires;
  }

  /** The first {@code count} fires strictly after {@code after}. */
  static List<Instant> firstFires(String cron, String zone, Instant after, int count) {
    CronExpression expression = CronExpression.parse(cron);
    ZoneId zoneId = ZoneId.of(zone);
    List<Instant> fires = new ArrayList<>();
    Instant cursor = after;
    for (int i = 0; i < count; i++) {
      cursor = expression.nextAfter(cursor, zoneId).orElseThrow();
      fires.add(cursor);
    }
    return fires;
  }

  /** Instants written as local time with offset, e.g. {@code 2026-03-29T03:30+02:00}. */
  static List<Instant> instants(String... offsetDateTimes) {
    return Arrays.stream(offsetDateTimes).map(t -> OffsetDateTime.parse(t).toInstant()).toList();
  }

  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }
}
