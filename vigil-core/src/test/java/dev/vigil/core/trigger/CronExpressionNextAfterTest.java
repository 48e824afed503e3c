package dev.vigil.core.trigger;

import static dev.vigil.core.trigger.CronTimes.at;
import static dev.vigil.core.trigger.CronTimes.firesBetween;
import static dev.vigil.core.trigger.CronTimes.firstFires;
import static dev.vigil.core.trigger.CronTimes.instants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known answers for {@link CronExpression#nextAfter}. Expected instants are written as local time
 * with the offset in force, so a reader can check them against the zone's rules: Europe/Berlin
 * springs forward 2026-03-29 02:00 CET -> 03:00 CEST and falls back 2026-10-25 03:00 CEST -> 02:00
 * CET; America/New_York springs forward 2026-03-08 02:00 EST -> 03:00 EDT and falls back 2026-11-01
 * 02:00 EDT -> 01:00 EST.
 */
class CronExpressionNextAfterTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Nested
  class Basics {
    @Test
    void next_is_strictly_after_the_given_instant() {
      CronExpression daily = CronExpression.parse("0 9 * * *");
      assertThat(daily.nextAfter(at("2026-05-04T09:00Z"), ZoneId.of("UTC")))
          .contains(at("2026-05-05T09:00Z"));
    }

    @Test
    void seconds_of_the_given_instant_are_ignored_when_searching() {
      CronExpression daily = CronExpression.parse("0 9 * * *");
      assertThat(daily.nextAfter(at("2026-05-04T08:59:59.999Z"), ZoneId.of("UTC")))
          .contains(at("2026-05-04T09:00Z"));
      assertThat(daily.nextAfter(at("2026-05-04T09:00:00.001Z"), ZoneId.of("UTC")))
          .contains(at("2026-05-05T09:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
      "UTC,                 2026-01-15T09:00Z",
      "Asia/Tokyo,          2026-01-15T00:00Z",
      "Asia/Kolkata,        2026-01-15T03:30Z",
      "America/New_York,    2026-01-14T14:00Z",
      "Australia/Sydney,    2026-01-14T22:00Z",
      "Pacific/Chatham,     2026-01-14T19:15Z",
    })
    void nine_oclock_local_is_the_zones_offset_from_utc(String zone, String expected) {
      CronExpression daily = CronExpression.parse("0 9 * * *");
      // From noon UTC on the 14th: New York (07:00 local) still has its 09:00 ahead that day; every
      // other zone's next 09:00 is on the 15th (Sydney +11 and Chatham +13:45 are already there).
      Instant after = at("2026-01-14T12:00Z");
      assertThat(daily.nextAfter(after, ZoneId.of(zone))).contains(at(expected));
    }

    @Test
    void year_rolls_over_to_the_next_match() {
      assertThat(firstFires("59 23 31 12 *", "UTC", at("2026-12-31T23:59Z"), 1))
          .isEqualTo(instants("2027-12-31T23:59Z"));
    }

    @Test
    void the_31st_skips_months_that_have_no_31st() {
      assertThat(firstFires("0 0 31 * *", "UTC", at("2026-01-31T00:00Z"), 3))
          .isEqualTo(instants("2026-03-31T00:00Z", "2026-05-31T00:00Z", "2026-07-31T00:00Z"));
    }

    @Test
    void february_29_fires_only_in_leap_years() {
      assertThat(firstFires("0 12 29 2 *", "UTC", at("2026-01-01T00:00Z"), 3))
          .isEqualTo(instants("2028-02-29T12:00Z", "2032-02-29T12:00Z", "2036-02-29T12:00Z"));
    }

    @Test
    void february_29_restricted_to_a_weekday_fires_on_every_such_weekday_and_on_the_29th() {
      // Vixie OR: "29 Feb or any Monday of February". 2028-02-29 is a Tuesday.
      List<Instant> fires =
          firesBetween("0 0 29 2 MON", "UTC", at("2028-02-01T00:00Z"), at("2028-03-01T00:00Z"));
      assertThat(fires)
          .isEqualTo(
              instants(
                  "2028-02-07T00:00Z",
                  "2028-02-14T00:00Z",
                  "2028-02-21T00:00Z",
                  "2028-02-28T00:00Z",
                  "2028-02-29T00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 31 2 *", "0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 APR *"})
    void expression_whose_day_never_exists_never_fires(String cron) {
      assertThat(CronExpression.parse(cron).nextAfter(at("2026-01-01T00:00Z"), BERLIN)).isEmpty();
    }

    @Test
    void null_arguments_are_rejected() {
      CronExpression daily = CronExpression.parse("@daily");
      assertThatNullPointerException().isThrownBy(() -> daily.nextAfter(null, BERLIN));
      assertThatNullPointerException().isThrownBy(() -> daily.nextAfter(Instant.EPOCH, null));
    }
  }

  @Nested
  class DayFields {
    @Test
    void both_day_fields_restricted_fire_on_a_day_matching_either() {
      // "the 1st or any Monday": Sun 1 Feb, Mon 2, 9, 16, 23 Feb, Sun 1 Mar, Mon 2 Mar.
      assertThat(firesBetween("0 0 1 * MON", "UTC", at("2026-02-01T00:00Z"), at("2026-03-03T00:00Z")))
          .isEqualTo(
              instants(
                  "2026-02-01T00:00Z",
                  "2026-02-02T00:00Z",
                  "2026-02-09T00:00Z",
                  "2026-02-16T00:00Z",
                  "2026-02-23T00:00Z",
                  "2026-03-01T00:00Z",
                  "2026-03-02T00:00Z"));
    }

    @Test
    void a_day_matching_both_day_fields_fires_once() {
      // Friday the 13th of February 2026.
      assertThat(firesBetween("0 0 13 * FRI", "UTC", at("2026-02-10T00:00Z"), at("2026-02-21T00:00Z")))
          .isEqualTo(instants("2026-02-13T00:00Z", "2026-02-20T00:00Z"));
    }

    @Test
    void only_day_of_week_restricted_fires_on_that_weekday_only() {
      assertThat(firesBetween("0 0 * * MON", "UTC", at("2026-02-01T00:00Z"), at("2026-02-17T00:00Z")))
          .isEqualTo(instants("2026-02-02T00:00Z", "2026-02-09T00:00Z", "2026-02-16T00:00Z"));
    }

    @Test
    void only_day_of_month_restricted_fires_on_that_day_only() {
      assertThat(firesBetween("0 0 1 * *", "UTC", at("2026-02-01T00:00Z"), at("2026-04-02T00:00Z")))
          .isEqualTo(instants("2026-02-01T00:00Z", "2026-03-01T00:00Z", "2026-04-01T00:00Z"));
    }

    @Test
    void month_restriction_applies_to_both_day_fields_in_or_mode() {
      // "1st or Monday", but only in March.
      assertThat(firesBetween("0 0 1 3 MON", "UTC", at("2026-02-01T00:00Z"), at("2026-03-10T00:00Z")))
          .isEqualTo(instants("2026-03-01T00:00Z", "2026-03-02T00:00Z", "2026-03-09T00:00Z"));
    }
  }

  @Nested
  class EuropeBerlinDst {
    @Test
    void daily_job_at_0230_fires_at_0330_summer_time_on_the_spring_forward_day() {
      assertThat(firesBetween("30 2 * * *", "Europe/Berlin", at("2026-03-28T00:00+01:00"), at("2026-03-31T00:00+02:00")))
          .isEqualTo(
              instants(
                  "2026-03-28T02:30+01:00",
                  "2026-03-29T03:30+02:00", // 02:30 does not exist; shifted by the one-hour gap
                  "2026-03-30T02:30+02:00"));
    }

    @Test
    void daily_job_at_0230_fires_once_on_the_spring_forward_day_even_when_asked_from_inside_the_gap() {
      // 00:59:59Z is 01:59:59 CET, the last second before the jump.
      assertThat(CronExpression.parse("30 2 * * *").nextAfter(at("2026-03-29T00:59:59Z"), BERLIN))
          .contains(at("2026-03-29T03:30+02:00"));
      assertThat(CronExpression.parse("30 2 * * *").nextAfter(at("2026-03-29T03:30+02:00"), BERLIN))
          .contains(at("2026-03-30T02:30+02:00"));
    }

    @Test
    void daily_job_fires_once_on_the_autumn_day_when_0230_occurs_twice() {
      assertThat(firesBetween("30 2 * * *", "Europe/Berlin", at("2026-10-24T00:00+02:00"), at("2026-10-27T00:00+01:00")))
          .isEqualTo(
              instants(
                  "2026-10-24T02:30+02:00",
                  "2026-10-25T02:30+02:00", // first occurrence only; 02:30+01:00 does not fire
                  "2026-10-26T02:30+01:00"));
    }

    @Test
    void daily_job_asked_from_between_the_two_0230s_does_not_fire_the_second_one() {
      assertThat(CronExpression.parse("30 2 * * *").nextAfter(at("2026-10-25T02:00+01:00"), BERLIN))
          .contains(at("2026-10-26T02:30+01:00"));
      assertThat(CronExpression.parse("30 2 * * *").nextAfter(at("2026-10-25T02:15+02:00"), BERLIN))
          .contains(at("2026-10-25T02:30+02:00"));
    }

    @Test
    void hourly_job_over_the_24_hours_from_spring_forward_midnight_fires_every_real_hour() {
      List<Instant> fires =
          firesBetween("0 * * * *", "Europe/Berlin", at("2026-03-29T00:00+01:00"), at("2026-03-29T00:00+01:00").plusSeconds(24 * 3600));
      assertThat(fires)
          .isEqualTo(
              instants(
                  "2026-03-29T00:00+01:00",
                  "2026-03-29T01:00+01:00",
                  "2026-03-29T03:00+02:00", // 02:00 does not exist; it and 03:00 are one instant
                  "2026-03-29T04:00+02:00",
                  "2026-03-29T05:00+02:00",
                  "2026-03-29T06:00+02:00",
                  "2026-03-29T07:00+02:00",
                  "2026-03-29T08:00+02:00",
                  "2026-03-29T09:00+02:00",
                  "2026-03-29T10:00+02:00",
                  "2026-03-29T11:00+02:00",
                  "2026-03-29T12:00+02:00",
                  "2026-03-29T13:00+02:00",
                  "2026-03-29T14:00+02:00",
                  "2026-03-29T15:00+02:00",
                  "2026-03-29T16:00+02:00",
                  "2026-03-29T17:00+02:00",
                  "2026-03-29T18:00+02:00",
                  "2026-03-29T19:00+02:00",
                  "2026-03-29T20:00+02:00",
                  "2026-03-29T21:00+02:00",
                  "2026-03-29T22:00+02:00",
                  "2026-03-29T23:00+02:00",
                  "2026-03-30T00:00+02:00"));
    }

    @Test
    void hourly_job_over_the_24_hours_from_fall_back_midnight_fires_the_repeated_0200_once() {
      List<Instant> fires =
          firesBetween("0 * * * *", "Europe/Berlin", at("2026-10-25T00:00+02:00"), at("2026-10-25T00:00+02:00").plusSeconds(24 * 3600));
      // Documented rule: a wall-clock time that occurs twice fires at its first occurrence only, so
      // 02:00+01:00 (01:00Z) does not fire and there are 23 fires in these 24 hours.
      assertThat(fires)
          .isEqualTo(
              instants(
                  "2026-10-25T00:00+02:00",
                  "2026-10-25T01:00+02:00",
                  "2026-10-25T02:00+02:00",
                  "2026-10-25T03:00+01:00",
                  "2026-10-25T04:00+01:00",
                  "2026-10-25T05:00+01:00",
                  "2026-10-25T06:00+01:00",
                  "2026-10-25T07:00+01:00",
                  "2026-10-25T08:00+01:00",
                  "2026-10-25T09:00+01:00",
                  "2026-10-25T10:00+01:00",
                  "2026-10-25T11:00+01:00",
                  "2026-10-25T12:00+01:00",
                  "2026-10-25T13:00+01:00",
                  "2026-10-25T14:00+01:00",
                  "2026-10-25T15:00+01:00",
                  "2026-10-25T16:00+01:00",
                  "2026-10-25T17:00+01:00",
                  "2026-10-25T18:00+01:00",
                  "2026-10-25T19:00+01:00",
                  "2026-10-25T20:00+01:00",
                  "2026-10-25T21:00+01:00",
                  "2026-10-25T22:00+01:00"));
      assertThat(fires).doesNotContain(at("2026-10-25T02:00+01:00"));
    }

    @Test
    void weekday_job_at_0900_stays_at_0900_local_across_both_dst_changes() {
      CronExpression weekdays = CronExpression.parse("0 9 * * MON-FRI");
      assertThat(firesBetween("0 9 * * MON-FRI", "Europe/Berlin", at("2026-03-26T00:00Z"), at("2026-04-01T00:00Z")))
          .isEqualTo(
              instants(
                  "2026-03-26T09:00+01:00",
                  "2026-03-27T09:00+01:00",
                  "2026-03-30T09:00+02:00",
                  "2026-03-31T09:00+02:00"));
      assertThat(firesBetween("0 9 * * MON-FRI", "Europe/Berlin", at("2026-10-22T00:00Z"), at("2026-10-28T00:00Z")))
          .isEqualTo(
              instants(
                  "2026-10-22T09:00+02:00",
                  "2026-10-23T09:00+02:00",
                  "2026-10-26T09:00+01:00",
                  "2026-10-27T09:00+01:00"));
      // And every weekday of the year: one fire, at 09:00 local.
      List<Instant> year =
          firesBetween(weekdays.toString(), "Europe/Berlin", at("2026-01-01T00:00Z"), at("2027-01-01T00:00Z"));
      assertThat(year).hasSize(261);
      assertThat(year)
          .allSatisfy(i -> assertThat(i.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
    }

    @Test
    void daily_job_fires_exactly_once_on_every_local_day_of_a_year_with_two_dst_changes() {
      List<Instant> fires =
          firesBetween("30 2 * * *", "Europe/Berlin", at("2026-01-01T00:00+01:00"), at("2027-01-01T00:00+01:00"));
      assertThat(fires).hasSize(365);
      assertThat(fires.stream().map(i -> i.atZone(BERLIN).toLocalDate()).distinct()).hasSize(365);
    }

    @Test
    void quarter_hourly_job_jumps_from_0145_to_0300_on_the_spring_forward_day() {
      assertThat(firesBetween("*/15 * * * *", "Europe/Berlin", at("2026-03-29T01:30+01:00"), at("2026-03-29T03:31+02:00")))
          .isEqualTo(
              instants(
                  "2026-03-29T01:30+01:00",
                  "2026-03-29T01:45+01:00",
                  "2026-03-29T03:00+02:00",
                  "2026-03-29T03:15+02:00",
                  "2026-03-29T03:30+02:00"));
    }

    @Test
    void two_times_inside_the_skipped_hour_both_fire_shifted_on_the_spring_forward_day() {
      assertThat(firesBetween("0,30 2 * * *", "Europe/Berlin", at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00")))
          .isEqualTo(instants("2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00"));
      assertThat(CronExpression.parse("30 2 * * *").nextAfter(at("2026-03-29T03:10+02:00"), BERLIN))
          .contains(at("2026-03-29T03:30+02:00"));
    }
  }

  @Nested
  class AmericaNewYorkDst {
    @Test
    void daily_job_at_0230_fires_at_0330_daylight_time_on_the_spring_forward_day() {
      assertThat(firesBetween("30 2 * * *", "America/New_York", at("2026-03-07T00:00-05:00"), at("2026-03-10T00:00-04:00")))
          .isEqualTo(
              instants("2026-03-07T02:30-05:00", "2026-03-08T03:30-04:00", "2026-03-09T02:30-04:00"));
    }

    @Test
    void daily_job_at_0130_fires_once_on_the_fall_back_day() {
      assertThat(firesBetween("30 1 * * *", "America/New_York", at("2026-10-31T00:00-04:00"), at("2026-11-03T00:00-05:00")))
          .isEqualTo(
              instants("2026-10-31T01:30-04:00", "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"));
    }

    @Test
    void hourly_job_over_the_24_hours_from_spring_forward_midnight() {
      List<Instant> fires =
          firesBetween("0 * * * *", "America/New_York", at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-05:00"));
      assertThat(fires)
          .isEqualTo(
              instants(
                  "2026-03-08T00:00-05:00",
                  "2026-03-08T01:00-05:00",
                  "2026-03-08T03:00-04:00",
                  "2026-03-08T04:00-04:00",
                  "2026-03-08T05:00-04:00",
                  "2026-03-08T06:00-04:00",
                  "2026-03-08T07:00-04:00",
                  "2026-03-08T08:00-04:00",
                  "2026-03-08T09:00-04:00",
                  "2026-03-08T10:00-04:00",
                  "2026-03-08T11:00-04:00",
                  "2026-03-08T12:00-04:00",
                  "2026-03-08T13:00-04:00",
                  "2026-03-08T14:00-04:00",
                  "2026-03-08T15:00-04:00",
                  "2026-03-08T16:00-04:00",
                  "2026-03-08T17:00-04:00",
                  "2026-03-08T18:00-04:00",
                  "2026-03-08T19:00-04:00",
                  "2026-03-08T20:00-04:00",
                  "2026-03-08T21:00-04:00",
                  "2026-03-08T22:00-04:00",
                  "2026-03-08T23:00-04:00",
                  "2026-03-09T00:00-04:00"));
    }

    @Test
    void hourly_job_over_the_24_hours_from_fall_back_midnight_fires_the_repeated_0100_once() {
      List<Instant> fires =
          firesBetween("0 * * * *", "America/New_York", at("2026-11-01T00:00-04:00"), at("2026-11-02T00:00-04:00"));
      assertThat(fires)
          .isEqualTo(
              instants(
                  "2026-11-01T00:00-04:00",
                  "2026-11-01T01:00-04:00",
                  "2026-11-01T02:00-05:00",
                  "2026-11-01T03:00-05:00",
                  "2026-11-01T04:00-05:00",
                  "2026-11-01T05:00-05:00",
                  "2026-11-01T06:00-05:00",
                  "2026-11-01T07:00-05:00",
                  "2026-11-01T08:00-05:00",
                  "2026-11-01T09:00-05:00",
                  "2026-11-01T10:00-05:00",
                  "2026-11-01T11:00-05:00",
                  "2026-11-01T12:00-05:00",
                  "2026-11-01T13:00-05:00",
                  "2026-11-01T14:00-05:00",
                  "2026-11-01T15:00-05:00",
                  "2026-11-01T16:00-05:00",
                  "2026-11-01T17:00-05:00",
                  "2026-11-01T18:00-05:00",
                  "2026-11-01T19:00-05:00",
                  "2026-11-01T20:00-05:00",
                  "2026-11-01T21:00-05:00",
                  "2026-11-01T22:00-05:00"));
      assertThat(fires).doesNotContain(at("2026-11-01T01:00-05:00"));
    }

    @Test
    void weekday_job_at_0900_stays_at_0900_local_across_the_spring_change() {
      List<Instant> fires =
          firesBetween("0 9 * * MON-FRI", "America/New_York", at("2026-03-05T00:00Z"), at("2026-03-11T00:00Z"));
      assertThat(fires)
          .isEqualTo(
              instants(
                  "2026-03-05T09:00-05:00",
                  "2026-03-06T09:00-05:00",
                  "2026-03-09T09:00-04:00",
                  "2026-03-10T09:00-04:00"));
    }
  }

  @Nested
  class SouthernHemisphereDst {
    @Test
    void daily_job_at_0230_fires_once_when_sydney_falls_back_in_april() {
      // Australia/Sydney: 2026-04-05 03:00 AEDT (+11) -> 02:00 AEST (+10).
      assertThat(firesBetween("30 2 * * *", "Australia/Sydney", at("2026-04-04T00:00+11:00"), at("2026-04-07T00:00+10:00")))
          .isEqualTo(
              instants("2026-04-04T02:30+11:00", "2026-04-05T02:30+11:00", "2026-04-06T02:30+10:00"));
    }

    @Test
    void daily_job_at_0230_fires_at_0330_when_sydney_springs_forward_in_october() {
      // Australia/Sydney: 2026-10-04 02:00 AEST (+10) -> 03:00 AEDT (+11).
      assertThat(firesBetween("30 2 * * *", "Australia/Sydney", at("2026-10-03T00:00+10:00"), at("2026-10-06T00:00+11:00")))
          .isEqualTo(
              instants("2026-10-03T02:30+10:00", "2026-10-04T03:30+11:00", "2026-10-05T02:30+11:00"));
    }
  }

  @Test
  void berlin_offsets_written_in_the_expected_values_match_the_zone_rules() {
    // Guard for the helper: the expected values above are written with the offsets the zone uses.
    assertThat(at("2026-03-29T03:30+02:00").atZone(BERLIN).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 29));
    assertThat(BERLIN.getRules().getOffset(at("2026-03-29T00:59Z")).getTotalSeconds()).isEqualTo(3600);
    assertThat(BERLIN.getRules().getOffset(at("2026-03-29T01:00Z")).getTotalSeconds()).isEqualTo(7200);
  }
}
