package dev.vigil.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSchemaTest {
  private static final String WHERE = "agent 'payments' task 'latency'";

  private static final ParameterSchema SCHEMA =
      ParameterSchema.of(
          ParameterSpec.required("url", ParameterType.URL, "endpoint to probe"),
          ParameterSpec.optional("threshold", ParameterType.INTEGER, 500, "milliseconds"),
          ParameterSpec.optional("window", ParameterType.DURATION, "90s", "how far back to look"),
          ParameterSpec.optional("labels", ParameterType.STRING_LIST, null, "extra labels"));

  private static Map<String, Object> params(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void absent_optional_parameters_get_their_defaults_in_normal_form() {
    Map<String, Object> valid = SCHEMA.validate(params("url", "https://shop.example/health"), WHERE);
    assertThat(valid)
        .containsExactly(
            Map.entry("url", "https://shop.example/health"),
            Map.entry("threshold", 500L),
            Map.entry("window", "1m30s"));
  }

  @Test
  void absent_optional_parameter_without_default_is_left_out() {
    assertThat(SCHEMA.validate(params("url", "https://shop.example/"), WHERE)).doesNotContainKey("labels");
  }

  @Test
  void given_values_are_normalised() {
    Map<String, Object> valid =
        SCHEMA.validate(
            params(
                "url", "  https://shop.example/health  ",
                "threshold", "750",
                "window", "PT2H30M",
                "labels", "team=payments"),
            WHERE);
    assertThat(valid)
        .containsEntry("url", "https://shop.example/health")
        .containsEntry("threshold", 750L)
        .containsEntry("window", "2h30m")
        .containsEntry("labels", List.of("team=payments"));
  }

  @Test
  void duration_of_90_seconds_is_normalised_to_1m30s() {
    assertThat(SCHEMA.validate(params("url", "https://x.example", "window", "90s"), WHERE))
        .containsEntry("window", "1m30s");
  }

  @Test
  void missing_required_parameter_is_named_with_its_description() {
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> SCHEMA.validate(Map.of(), WHERE));
    assertThat(e.problems())
        .containsExactly("agent 'payments' task 'latency': parameter 'url' is required (endpoint to probe)");
  }

  @Test
  void null_input_is_treated_as_no_parameters() {
    ParameterSchema allOptional =
        ParameterSchema.of(ParameterSpec.optional("window", ParameterType.DURATION, "5m", ""));
    assertThat(allOptional.validate(null, WHERE)).containsExactly(Map.entry("window", "5m"));
    assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> SCHEMA.validate(null, WHERE));
  }

  @Test
  void unknown_parameter_is_named_with_the_expected_ones() {
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> SCHEMA.validate(params("url", "https://x.example", "treshold", 3), WHERE));
    assertThat(e.problems())
        .containsExactly(
            "agent 'payments' task 'latency': unknown parameter 'treshold'"
                + " (expected: url, threshold, window, labels)");
  }

  @Test
  void every_problem_is_reported_at_once() {
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class,
            () ->
                SCHEMA.validate(
                    params("treshold", 3, "threshold", "fast", "window", "soon", "labels", List.of(1, 2)),
                    WHERE));
    assertThat(e.problems())
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).contains("unknown parameter 'treshold'"))
        .anySatisfy(p -> assertThat(p).contains("parameter 'url' is required"))
        .anySatisfy(p -> assertThat(p).contains("parameter 'threshold': expected an integer, got String 'fast'"))
        .anySatisfy(p -> assertThat(p).contains("parameter 'window': value 'soon' is not a duration"))
        .anySatisfy(p -> assertThat(p).contains("parameter 'labels': expected a list of strings"))
        .allSatisfy(p -> assertThat(p).startsWith(WHERE + ": "));
    assertThat(e).hasMessage(String.join("; ", e.problems()));
  }

  @Test
  void validated_parameters_cannot_be_changed() {
    Map<String, Object> valid = SCHEMA.validate(params("url", "https://x.example"), WHERE);
    assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> valid.put("x", 1));
  }

  @Test
  void describe_lists_each_parameter_with_its_type() {
    assertThat(SCHEMA.describe())
        .isEqualTo("url (url, required), threshold (integer), window (duration), labels (string_list)");
  }

  @Test
  void required_parameter_with_a_default_is_a_contradiction() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ParameterSpec("window", ParameterType.DURATION, true, "5m", ""))
        .withMessage("parameter window: required with a default");
  }

  @Test
  void parameter_spec_needs_a_name_and_a_type() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterSpec.optional(" ", ParameterType.STRING, null, ""))
        .withMessage("parameter name must not be empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ParameterSpec.optional("x", null, null, ""))
        .withMessage("parameter type is required");
  }

  @Test
  void invalid_input_exception_copies_its_problems() {
    var problems = new java.util.ArrayList<>(List.of("a", "b"));
    InvalidInputException e = new InvalidInputException(problems);
    problems.add("c");
    assertThat(e.problems()).containsExactly("a", "b");
    assertThat(e).hasMessage("a; b");
    assertThat(new InvalidInputException("only").problems()).containsExactly("only");
  }
}
