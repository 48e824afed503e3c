package dev.vigil.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerOnEventTest {
  private static final Event DEPLOY =
      new Event(
          new EventId("evt-1"),
          "github",
          "deployment_status",
          "payments-api",
          Instant.parse("2026-05-04T10:00:00Z"),
          "delivery-1",
          Map.of("environment", "production", "state", "success", "team", "Payments-Core"),
          "Deploy v2.3.1 finished",
          "{}");

  private static Trigger.OnEvent matcher(
      String source, String type, Map<String, String> labels, List<String> keywords) {
    return new Trigger.OnEvent(source, type, labels, keywords);
  }

  @Test
  void empty_matcher_matches_any_event() {
    assertThat(matcher(null, null, null, null).matches(DEPLOY)).isTrue();
    assertThat(matcher("", "", Map.of(), List.of()).matches(DEPLOY)).isTrue();
  }

  @Test
  void source_matches_ignoring_case() {
    assertThat(matcher("github", null, null, null).matches(DEPLOY)).isTrue();
    assertThat(matcher("GitHub", null, null, null).matches(DEPLOY)).isTrue();
    assertThat(matcher("gitlab", null, null, null).matches(DEPLOY)).isFalse();
  }

  @Test
  void type_must_match_exactly() {
    assertThat(matcher(null, "deployment_status", null, null).matches(DEPLOY)).isTrue();
    assertThat(matcher(null, "deployment", null, null).matches(DEPLOY)).isFalse();
    assertThat(matcher(null, "deployment_status_x", null, null).matches(DEPLOY)).isFalse();
    assertThat(matcher(null, "Deployment_Status", null, null).matches(DEPLOY)).isFalse();
  }

  @Test
  void type_ending_in_star_matches_as_a_prefix() {
    assertThat(matcher(null, "deployment*", null, null).matches(DEPLOY)).isTrue();
    assertThat(matcher(null, "deployment_status*", null, null).matches(DEPLOY)).isTrue();
    assertThat(matcher(null, "*", null, null).matches(DEPLOY)).isTrue();
    assertThat(matcher(null, "push*", null, null).matches(DEPLOY)).isFalse();
  }

  @Test
  void every_label_must_be_present_with_an_equal_value() {
    assertThat(matcher(null, null, Map.of("environment", "production"), null).matches(DEPLOY)).isTrue();
    assertThat(
            matcher(null, null, Map.of("environment", "production", "state", "success"), null)
                .matches(DEPLOY))
        .isTrue();
    assertThat(
            matcher(null, null, Map.of("environment", "production", "state", "failure"), null)
                .matches(DEPLOY))
        .isFalse();
    assertThat(matcher(null, null, Map.of("region", "eu"), null).matches(DEPLOY)).isFalse();
  }

  @Test
  void label_values_are_compared_exactly() {
    assertThat(matcher(null, null, Map.of("environment", "Production"), null).matches(DEPLOY)).isFalse();
  }

  @Test
  void keywords_are_found_ignoring_case_in_subject_text_and_label_values() {
    assertThat(matcher(null, null, null, List.of("PAYMENTS-API")).matches(DEPLOY)).isTrue(); // subject
    assertThat(matcher(null, null, null, List.of("v2.3.1")).matches(DEPLOY)).isTrue(); // text
    assertThat(matcher(null, null, null, List.of("finished")).matches(DEPLOY)).isTrue();
    assertThat(matcher(null, null, null, List.of("payments-core")).matches(DEPLOY)).isTrue(); // label
  }

  @Test
  void every_keyword_must_occur() {
    assertThat(matcher(null, null, null, List.of("deploy", "payments")).matches(DEPLOY)).isTrue();
    assertThat(matcher(null, null, null, List.of("deploy", "rollback")).matches(DEPLOY)).isFalse();
  }

  @Test
  void keywords_do_not_search_label_keys_source_or_type() {
    assertThat(matcher(null, null, null, List.of("environment")).matches(DEPLOY)).isFalse();
    assertThat(matcher(null, null, null, List.of("github")).matches(DEPLOY)).isFalse();
    assertThat(matcher(null, null, null, List.of("deployment_status")).matches(DEPLOY)).isFalse();
  }

  @Test
  void all_conditions_must_hold_together() {
    Trigger.OnEvent all =
        matcher("GITHUB", "deployment*", Map.of("environment", "production"), List.of("payments"));
    assertThat(all.matches(DEPLOY)).isTrue();
    assertThat(matcher("alertmanager", "deployment*", Map.of("environment", "production"), List.of("payments"))
            .matches(DEPLOY))
        .isFalse();
  }

  @Test
  void matcher_keeps_its_own_copy_of_labels_and_keywords() {
    var labels = new java.util.HashMap<String, String>(Map.of("environment", "production"));
    var keywords = new java.util.ArrayList<String>(List.of("payments"));
    Trigger.OnEvent onEvent = matcher(null, null, labels, keywords);
    labels.put("environment", "staging");
    keywords.add("absent");
    assertThat(onEvent.matches(DEPLOY)).isTrue();
  }
}
