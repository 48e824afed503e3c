package dev.vigil.core.trigger;

import static dev.vigil.core.trigger.CronTimes.at;
import static dev.vigil.core.trigger.CronTimes.firstFires;
import static dev.vigil.core.trigger.CronTimes.instants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each field syntax means, observed through the instants it fires at (UTC, so no DST). The
 * reference start, 2026-01-01T00:00Z, is a Thursday.
 */
class CronExpressionParseTest {
  private static final Instant NEW_YEAR_2026 = at("2026-01-01T00:00Z");

  private static java.util.List<Instant> utcFires(String cron, int count) {
    return firstFires(cron, "UTC", NEW_YEAR_2026, count);
  }

  @Test
  void single_minute_and_hour_fire_once_a_day() {
    assertThat(utcFires("15 10 * * *", 2))
        .isEqualTo(instants("2026-01-01T10:15Z", "2026-01-02T10:15Z"));
  }

  @Test
  void hour_range_fires_every_hour_of_the_range_inclusive() {
    assertThat(utcFires("0 9-11 * * *", 4))
        .isEqualTo(
            instants("2026-01-01T09:00Z", "2026-01-01T10:00Z", "2026-01-01T11:00Z", "2026-01-02T09:00Z"));
  }

  @Test
  void star_with_step_fires_every_nth_minute_from_zero() {
    assertThat(utcFires("*/20 * * * *", 4))
        .isEqualTo(
            instants("2026-01-01T00:20Z", "2026-01-01T00:40Z", "2026-01-01T01:00Z", "2026-01-01T01:20Z"));
  }

  @Test
  void range_with_step_fires_every_nth_value_inside_the_range() {
    assertThat(utcFires("5-20/5 3 * * *", 5))
        .isEqualTo(
            instants(
                "2026-01-01T03:05Z",
                "2026-01-01T03:10Z",
                "2026-01-01T03:15Z",
                "2026-01-01T03:20Z",
                "2026-01-02T03:05Z"));
  }

  @Test
  void start_with_step_runs_to_the_end_of_the_field() {
    assertThat(utcFires("10/15 0 * * *", 4))
        .isEqualTo(
            instants("2026-01-01T00:10Z", "2026-01-01T00:25Z", "2026-01-01T00:40Z", "2026-01-01T00:55Z"));
  }

  @Test
  void lists_combine_values_in_every_field() {
    assertThat(utcFires("0,30 8,20 * * *", 5))
        .isEqualTo(
            instants(
                "2026-01-01T08:00Z",
                "2026-01-01T08:30Z",
                "2026-01-01T20:00Z",
                "2026-01-01T20:30Z",
                "2026-01-02T08:00Z"));
  }

  @Test
  void list_items_may_be_ranges() {
    assertThat(utcFires("0 0 1-2,20 * *", 4))
        .isEqualTo(
            instants("2026-01-02T00:00Z", "2026-01-20T00:00Z", "2026-02-01T00:00Z", "2026-02-02T00:00Z"));
  }

  @Test
  void weekday_names_mon_to_fri_skip_the_weekend() {
    // Thu 1, Fri 2, then Mon 5 and Tue 6 January 2026.
    assertThat(utcFires("0 9 * * MON-FRI", 4))
        .isEqualTo(
            instants("2026-01-01T09:00Z", "2026-01-02T09:00Z", "2026-01-05T09:00Z", "2026-01-06T09:00Z"));
  }

  @Test
  void names_are_case_insensitive() {
    assertThat(utcFires("0 9 * * mon-fri", 4)).isEqualTo(utcFires("0 9 * * MON-FRI", 4));
    assertThat(utcFires("0 0 1 jan,Jul *", 2)).isEqualTo(utcFires("0 0 1 JAN,JUL *", 2));
  }

  @Test
  void month_names_select_months() {
    assertThat(utcFires("0 0 1 JAN,JUL *", 3))
        .isEqualTo(instants("2026-07-01T00:00Z", "2027-01-01T00:00Z", "2027-07-01T00:00Z"));
  }

  @Test
  void month_name_ranges_select_months_inclusive() {
    assertThat(utcFires("0 0 1 MAR-MAY *", 4))
        .isEqualTo(
            instants("2026-03-01T00:00Z", "2026-04-01T00:00Z", "2026-05-01T00:00Z", "2027-03-01T00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 12 * * 0", "0 12 * * 7", "0 12 * * SUN", "0 12 * * sun"})
  void sunday_is_0_or_7_or_sun(String cron) {
    // 2026-01-04 and 2026-01-11 are Sundays.
    assertThat(utcFires(cron, 2)).isEqualTo(instants("2026-01-04T12:00Z", "2026-01-11T12:00Z"));
  }

  @Test
  void day_of_week_range_ending_in_7_includes_sunday() {
    assertThat(utcFires("0 0 * * 5-7", 4))
        .isEqualTo(
            instants("2026-01-02T00:00Z", "2026-01-03T00:00Z", "2026-01-04T00:00Z", "2026-01-09T00:00Z"));
  }

  @Test
  void question_mark_means_any_in_day_fields() {
    assertThat(utcFires("0 6 ? * MON", 2)).isEqualTo(utcFires("0 6 * * MON", 2));
    assertThat(utcFires("0 6 1 * ?", 2)).isEqualTo(utcFires("0 6 1 * *", 2));
  }

  @ParameterizedTest
  @CsvSource({
    "@hourly,   0 * * * *",
    "@daily,    0 0 * * *",
    "@midnight, 0 0 * * *",
    "@weekly,   0 0 * * 0",
    "@monthly,  0 0 1 * *",
    "@yearly,   0 0 1 1 *",
    "@annually, 0 0 1 1 *",
    "@DAILY,    0 0 * * *",
  })
  void macros_fire_like_their_five_field_form(String macro, String fiveFields) {
    assertThat(utcFires(macro, 3)).isEqualTo(utcFires(fiveFields, 3));
  }

  @Test
  void weekly_macro_fires_sunday_midnight() {
    assertThat(utcFires("@weekly", 1)).isEqualTo(instants("2026-01-04T00:00Z"));
  }

  @Test
  void extra_whitespace_between_and_around_fields_is_accepted() {
    assertThat(utcFires("  0   9 *\t* *  ", 1)).isEqualTo(instants("2026-01-01T09:00Z"));
  }

  @Test
  void to_string_is_the_expression_as_written_trimmed() {
    assertThat(CronExpression.parse(" 0 9 * * MON-FRI ")).hasToString("0 9 * * MON-FRI");
    assertThat(CronExpression.parse("@daily")).hasToString("@daily");
  }

  @Test
  void expressions_with_the_same_text_are_equal() {
    assertThat(CronExpression.parse("0 9 * * *"))
        .isEqualTo(CronExpression.parse("0 9 * * *"))
        .hasSameHashCodeAs(CronExpression.parse("0 9 * * *"))
        .isNotEqualTo(CronExpression.parse("0 10 * * *"));
  }

  // --- errors ---

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t"})
  void empty_expression_is_rejected(String expression) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CronExpression.parse(expression))
        .withMessage("cron expression must not be empty");
  }

  @Test
  void wrong_number_of_fields_is_rejected_naming_the_five_expected_fields() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CronExpression.parse("0 9 * *"))
        .withMessageContaining("'0 9 * *' has 4 fields")
        .withMessageContaining("expected 5: minute hour day-of-month month day-of-week");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CronExpression.parse("0 0 9 * * *"))
        .withMessageContaining("has 6 fields");
  }

  @Test
  void unknown_macro_is_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CronExpression.parse("@every5m"))
        .withMessageContaining("'@every5m' has 1 fields");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "60 * * * *      | cron minute field '60': value 60 is out of range       | allowed: 0-59, *, a-b, */n, lists",
        "* 24 * * *      | cron hour field '24': value 24 is out of range         | allowed: 0-23,",
        "* * 0 * *       | cron day-of-month field '0': value 0 is out of range   | allowed: 1-31,",
        "* * 32 * *      | cron day-of-month field '32': value 32 is out of range | allowed: 1-31,",
        "* * * 13 *      | cron month field '13': value 13 is out of range        | allowed: 1-12 or names like FEB",
        "* * * 0 *       | cron month field '0': value 0 is out of range          | allowed: 1-12 or names like FEB",
        "* * * * 8       | cron day-of-week field '8': value 8 is out of range    | allowed: 0-7 or names like MON",
        "x * * * *       | cron minute field 'x': value 'X' is not a number       | allowed: 0-59",
        "* * * FOO *     | cron month field 'FOO': value 'FOO' is not a number    | names like FEB",
        "* * * * FUNDAY  | cron day-of-week field 'FUNDAY'                         | names like MON",
        "MON * * * *     | cron minute field 'MON': value 'MON' is not a number   | allowed: 0-59",
        "* 17-9 * * *    | cron hour field '17-9': range 17-9 runs backwards      | allowed: 0-23",
        "* * * * FRI-MON | cron day-of-week field 'FRI-MON': range FRI-MON runs backwards | allowed: 0-7",
        "*/0 * * * *     | cron minute field '*/0': step 0 is out of range        | allowed: 0-59",
        "*/x * * * *     | cron minute field '*/x': step 'X' is not a number      | allowed: 0-59",
        "1,,2 * * * *    | cron minute field '1,,2': empty list item              | lists",
        "0, * * * *      | cron minute field '0,': empty list item                | lists",
        "* * * * MON-    | cron day-of-week field 'MON-': value '' is not a number | allowed: 0-7",
        "-5 * * * *      | cron minute field '-5'                                 | allowed: 0-59",
      })
  void invalid_field_is_rejected_naming_the_field_the_problem_and_what_is_accepted(
      String cron, String problem, String accepted) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CronExpression.parse(cron))
        .withMessageContaining(problem)
        .withMessageContaining(accepted);
  }
}
