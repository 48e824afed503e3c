package dev.vigil.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterTypeTest {

  @Test
  void string_accepts_text_and_prints_numbers_and_booleans() {
    assertThat(ParameterType.STRING.normalise("abc")).isEqualTo("abc");
    assertThat(ParameterType.STRING.normalise(42)).isEqualTo("42");
    assertThat(ParameterType.STRING.normalise(true)).isEqualTo("true");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.STRING.normalise(List.of("a")))
        .withMessageStartingWith("expected a string, got ");
  }

  @Test
  void integer_is_normalised_to_long_from_numbers_and_digit_strings() {
    assertThat(ParameterType.INTEGER.normalise(42)).isEqualTo(42L);
    assertThat(ParameterType.INTEGER.normalise(42L)).isEqualTo(42L);
    assertThat(ParameterType.INTEGER.normalise(3.0)).isEqualTo(3L);
    assertThat(ParameterType.INTEGER.normalise("42")).isEqualTo(42L);
    assertThat(ParameterType.INTEGER.normalise(" -7 ")).isEqualTo(-7L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4.5", "abc", "", "1e3", "+5", "0x10"})
  void integer_rejects_text_that_is_not_a_whole_number(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.INTEGER.normalise(text))
        .withMessage("expected an integer, got String '" + text + "'");
  }

  @Test
  void integer_rejects_fractions_nan_and_booleans() {
    assertThatIllegalArgumentException().isThrownBy(() -> ParameterType.INTEGER.normalise(3.5));
    assertThatIllegalArgumentException().isThrownBy(() -> ParameterType.INTEGER.normalise(Double.NaN));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.INTEGER.normalise(true))
        .withMessage("expected an integer, got Boolean 'true'");
  }

  @Test
  void integer_outside_the_range_of_a_long_is_rejected_not_clamped() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.INTEGER.normalise(1e30))
        .withMessageContaining("expected an integer");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.INTEGER.normalise(Double.POSITIVE_INFINITY))
        .withMessageContaining("expected an integer");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.INTEGER.normalise("123456789012345678901234"))
        .withMessageContaining("expected an integer");
  }

  @Test
  void number_is_normalised_to_double() {
    assertThat(ParameterType.NUMBER.normalise(2)).isEqualTo(2.0);
    assertThat(ParameterType.NUMBER.normalise(" 2.5 ")).isEqualTo(2.5);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.NUMBER.normalise("two"))
        .withMessage("expected a number, got String 'two'");
    assertThatIllegalArgumentException().isThrownBy(() -> ParameterType.NUMBER.normalise(false));
  }

  @Test
  void boolean_accepts_true_and_false_in_any_case_only() {
    assertThat(ParameterType.BOOLEAN.normalise(true)).isEqualTo(true);
    assertThat(ParameterType.BOOLEAN.normalise("TRUE")).isEqualTo(true);
    assertThat(ParameterType.BOOLEAN.normalise("False")).isEqualTo(false);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.BOOLEAN.normalise("yes"))
        .withMessage("expected true or false, got String 'yes'");
    assertThatIllegalArgumentException().isThrownBy(() -> ParameterType.BOOLEAN.normalise(1));
  }

  @Test
  void duration_is_normalised_to_the_short_form() {
    assertThat(ParameterType.DURATION.normalise("90s")).isEqualTo("1m30s");
    assertThat(ParameterType.DURATION.normalise("PT15M")).isEqualTo("15m");
    assertThat(ParameterType.DURATION.normalise("60m")).isEqualTo("1h");
    assertThat(ParameterType.DURATION.normalise("1500ms")).isEqualTo("1s500ms");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.DURATION.normalise(90))
        .withMessage("expected a duration such as 30s, 5m or PT15M, got Integer '90'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.DURATION.normalise("90 seconds"))
        .withMessageContaining("'90 seconds' is not a duration");
  }

  @Test
  void url_accepts_absolute_http_and_https_urls_trimmed() {
    assertThat(ParameterType.URL.normalise("https://shop.example/health?x=1"))
        .isEqualTo("https://shop.example/health?x=1");
    assertThat(ParameterType.URL.normalise(" http://10.0.0.5:8080/metrics ")).isEqualTo("http://10.0.0.5:8080/metrics");
    assertThat(ParameterType.URL.normalise("HTTPS://shop.example")).isEqualTo("HTTPS://shop.example");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://shop.example/file", "/health", "shop.example/health", "https://", "https:///path",
        "https://exa mple.com", "mailto:ops@shop.example", ""})
  void url_rejects_anything_but_an_absolute_http_url(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.URL.normalise(text))
        .withMessage("expected an absolute http(s) URL, got String '" + text + "'");
  }

  @Test
  void url_rejects_non_text() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.URL.normalise(42))
        .withMessage("expected an http(s) URL, got Integer '42'");
  }

  @Test
  void string_list_accepts_one_string_or_a_list_of_strings_and_copies_it() {
    assertThat(ParameterType.STRING_LIST.normalise("a")).isEqualTo(List.of("a"));
    List<Object> source = new ArrayList<>(List.of("a", "b"));
    Object normal = ParameterType.STRING_LIST.normalise(source);
    source.add("c");
    assertThat(normal).isEqualTo(List.of("a", "b"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.STRING_LIST.normalise(List.of("a", 1)))
        .withMessageStartingWith("expected a list of strings, got ");
    assertThatIllegalArgumentException().isThrownBy(() -> ParameterType.STRING_LIST.normalise(7));
  }

  @Test
  void null_value_is_reported_as_null() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterType.STRING.normalise(null))
        .withMessage("expected a string, got null");
  }

  @Test
  void json_types_follow_json_schema() {
    assertThat(ParameterType.STRING.jsonType()).isEqualTo("string");
    assertThat(ParameterType.DURATION.jsonType()).isEqualTo("string");
    assertThat(ParameterType.URL.jsonType()).isEqualTo("string");
    assertThat(ParameterType.INTEGER.jsonType()).isEqualTo("integer");
    assertThat(ParameterType.NUMBER.jsonType()).isEqualTo("number");
    assertThat(ParameterType.BOOLEAN.jsonType()).isEqualTo("boolean");
    assertThat(ParameterType.STRING_LIST.jsonType()).isEqualTo("array");
  }
}
