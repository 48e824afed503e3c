package dev.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "90s,      PT1M30S",
    "5m,       PT5M",
    "1h30m,    PT1H30M",
    "2d,       PT48H",
    "1w,       PT168H",
    "250ms,    PT0.25S",
    "1d2h3m4s5ms, PT26H3M4.005S",
    "0s,       PT0S",
    "PT15M,    PT15M",
    "pt15m,    PT15M",
    "P1D,      PT24H",
    "1H,       PT1H",
    "' 5m ',   PT5M",
    "30s30s,   PT1M",
  })
  void short_and_iso_forms_are_parsed(String text, Duration expected) {
    assertThat(Durations.parse(text, "timeout")).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void empty_text_is_rejected_naming_the_setting(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text, "timeout"))
        .withMessage("timeout must not be empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "5", "5x", "1.5h", "-5s", "1h 30m", "h", "PT", "P1X", "99999999999999999999s", "9999999999999999d"})
  void malformed_text_is_rejected_with_examples_and_the_cause_kept(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text, "timeout"))
        .withMessage("timeout '" + text + "' is not a duration (examples: 30s, 5m, 1h30m, 2d, PT15M)")
        .withCauseInstanceOf(RuntimeException.class);
  }

  @Test
  void negative_iso_duration_is_rejected_saying_it_must_not_be_negative() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse("PT-5M", "timeout"))
        .withMessage("timeout 'PT-5M' must not be negative");
  }

  @Test
  void negative_iso_duration_is_rejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("PT-5M", "timeout"));
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S,         0s",
    "PT1M30S,      1m30s",
    "PT1H30M,      1h30m",
    "PT51H,        2d3h",
    "PT1.5S,       1s500ms",
    "PT0.25S,      250ms",
    "PT168H,       7d",
    "PT24H0.001S,  1d1ms",
  })
  void format_writes_the_short_form(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"90s", "1h30m", "2d3h4m5s", "1w", "1500ms", "PT15M", "0s", "36h", "86399s"})
  void formatted_duration_parses_back_to_the_same_duration(String text) {
    Duration parsed = Durations.parse(text, "d");
    assertThat(Durations.parse(Durations.format(parsed), "d")).isEqualTo(parsed);
  }

  @Test
  void format_is_stable_once_normalised() {
    String once = Durations.format(Durations.parse("3600s", "d"));
    assertThat(once).isEqualTo("1h");
    assertThat(Durations.format(Durations.parse(once, "d"))).isEqualTo(once);
  }

  @Test
  void sub_millisecond_duration_formats_to_something_parse_reads_back() {
    String formatted = Durations.format(Duration.ofNanos(500_000));
    assertThat(formatted).isNotEmpty();
    assertThat(Durations.parse(formatted, "d")).isPositive();
  }
}
