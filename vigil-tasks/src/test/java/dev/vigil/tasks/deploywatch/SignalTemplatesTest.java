package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.analysis.judge.Direction;
import dev.vigil.analysis.judge.Tolerance;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalTemplatesTest {
  private static final String ISSUE_EXAMPLE = """
      signals:
        - name: latency_p99
          query: histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service="$service"}[5m])))
          direction: higher-is-worse
        - name: error_ratio   # 5xx share
          query: sum(rate(http_server_requests_total{service="$service",code=~"5.."}[5m])) / sum(rate(http_server_requests_total{service="$service"}[5m]))
          direction: higher-is-worse
          tolerance: "0.005,3sd"
          unit: ratio
      """;

  @Test
  void the_issues_example_reads_as_two_templates_with_defaults_for_what_it_leaves_out() {
    List<SignalTemplate> t = SignalTemplates.parse(ISSUE_EXAMPLE);

    assertThat(t).extracting(SignalTemplate::name).containsExactly("latency_p99", "error_ratio");
    assertThat(t.get(0).direction()).isEqualTo(Direction.HIGHER_IS_WORSE);
    assertThat(t.get(0).tolerance()).isEqualTo(Tolerance.DEFAULT);
    assertThat(t.get(0).render("checkout", "2m")).contains("{service=\"checkout\"}[5m]");
    assertThat(t.get(1).tolerance()).isEqualTo(Tolerance.parse("0.005,3sd"));
    assertThat(t.get(1).unit()).isEqualTo("ratio");
    assertThat(t.get(1).query()).endsWith("[5m]))").doesNotContain("#");
  }

  @Test
  void a_folded_block_and_quotes_carry_a_long_query() {
    List<SignalTemplate> t = SignalTemplates.parse("""
        signals:
          - name: traffic
            direction: lower-is-worse
            query: >
              sum(rate(http_server_requests_total{service="$service"}[$window]))
              or vector(0)
            tolerance: '50%'
            unit: /s
        """);

    assertThat(t.getFirst().render("cart", "1m"))
        .isEqualTo("sum(rate(http_server_requests_total{service=\"cart\"}[1m])) or vector(0)");
    assertThat(t.getFirst().tolerance()).isEqualTo(Tolerance.parse("50%"));
    assertThat(t.getFirst().format(5.25)).isEqualTo("5.3/s");
  }

  /** A document of one signal whose fields are the given lines. */
  private static String oneSignal(String... fields) {
    return "signals:\n  - " + String.join("\n    ", fields) + "\n";
  }

  private static String refusal(String yaml) {
    return catchThrowableOfType(IllegalArgumentException.class, () -> SignalTemplates.parse(yaml)).getMessage();
  }

  @Test
  void errors_name_the_line_the_signal_and_the_field() {
    String query = "query: up{service=\"$service\"}";
    assertThat(refusal(oneSignal("name: latency_p99", query, "directoin: higher-is-worse")))
        .isEqualTo("line 4 (signal 'latency_p99'): unknown field 'directoin'"
            + " (expected: name, query, direction, tolerance, unit)");
    assertThat(refusal(oneSignal("name: latency_p99", query)))
        .isEqualTo("signal 'latency_p99' (line 2): field 'direction' is missing");
    assertThat(refusal(oneSignal("name: errors", query, "direction: up")))
        .startsWith("signal 'errors' (line 2): unknown direction 'up'");
    assertThat(refusal(oneSignal("name: errors", query, "direction: both", "tolerance: lots")))
        .startsWith("signal 'errors' (line 2): tolerance part 'lots' is not a number");
    assertThat(refusal(oneSignal("name: errors", "query: up{job=\"api\"}", "direction: both")))
        .isEqualTo("signal 'errors' (line 2): query must contain $service (the deployed service)");
    assertThat(refusal(oneSignal(query, "direction: both"))).isEqualTo("signal #1 (line 2): field 'name' is missing");
  }

  @Test
  void a_document_of_another_shape_is_refused_saying_what_was_expected() {
    assertThatThrownBy(() -> SignalTemplates.parse("")).hasMessageContaining("expected a 'signals:' list");
    assertThatThrownBy(() -> SignalTemplates.parse("metrics:\n  - a\n"))
        .hasMessage("line 1: expected 'signals:' at the top, found 'metrics:'");
    assertThatThrownBy(() -> SignalTemplates.parse("signals:\n")).hasMessage("the 'signals:' list is empty");
    assertThatThrownBy(() -> SignalTemplates.parse("""
        signals:
          - name: a
            query: "up{service="$service"}
            direction: both
        """)).hasMessageContaining("line 3: the value of 'query' opens a quote \" it does not close");
    assertThatThrownBy(() -> SignalTemplates.parse("""
        signals:
          - {name: a, query: up, direction: both}
        """)).hasMessageContaining("line 2");
    assertThatThrownBy(() -> SignalTemplates.parse("""
        signals:
          - name: a
            query: up{service="$service"}
            direction: both
          - name: a
            query: up{service="$service"}
            direction: both
        """)).hasMessage("signal 'a' (line 5) is named twice");
  }
}
