package dev.vigil.integrations.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.metrics.LabelMatcher.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelScopeTest {
  private final LabelScope payments = LabelScope.fromGrantScope(List.of("{namespace=\"payments\"}"));

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
      up => up{namespace="payments"}
      up{job="api"} => up{job="api", namespace="payments"}
      {__name__=~"http_.*"} => {__name__=~"http_.*", namespace="payments"}
      rate(x[5m] offset 1h) => rate(x{namespace="payments"}[5m] offset 1h)
      histogram_quantile(0.99, sum by (le) (rate(x_bucket{service="a"}[5m]))) => histogram_quantile(0.99, sum by (le) (rate(x_bucket{service="a", namespace="payments"}[5m])))
      max_over_time(rate(x[1m])[1h:5m]) => max_over_time(rate(x{namespace="payments"}[1m])[1h:5m])
      a / on() group_left b => a{namespace="payments"} / on() group_left() b{namespace="payments"}
      a or vector(0) => a{namespace="payments"} or vector(0)
      topk(scalar(count(k)), y) => topk(scalar(count(k{namespace="payments"})), y{namespace="payments"})
      absent(up{job="x"}) => absent(up{job="x", namespace="payments"})
      sum{job="a"} => sum{job="a", namespace="payments"}
      offset offset 5m => offset{namespace="payments"} offset 5m
      time() - 1 => time() - 1
      up{namespace="payments"} => up{namespace="payments"}
      up{namespace!="kube-system"} => up{namespace!="kube-system", namespace="payments"}
      up{namespace=~".*"} => up{namespace=~".*", namespace="payments"}
      up{namespace=~"other|payments"} => up{namespace=~"other|payments", namespace="payments"}
      """)
  void every_selector_gets_the_scope_added_and_nothing_removed(String query, String expected) {
    assertThat(payments.enforce(query.strip())).isEqualTo(expected.strip());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      up{namespace="other"}
      sum(rate(x{namespace="payments"}[5m])) / sum(rate(x{namespace="other"}[5m]))
      absent(up{namespace="other"})
      max_over_time(up{namespace="other"}[1h:1m])
      """)
  void an_equality_matcher_outside_the_scope_is_refused(String query) {
    assertThatThrownBy(() -> payments.enforce(query.strip()))
        .isInstanceOf(ScopeViolationException.class)
        .hasMessageContaining("namespace=\"other\"")
        .hasMessageContaining("outside the granted scope {namespace=\"payments\"}");
  }

  @Test
  void a_regex_scope_allows_each_value_it_matches_and_no_other() {
    LabelScope two = LabelScope.fromGrantScope(List.of("namespace=~\"payments|checkout\""));
    assertThat(two.enforce("up{namespace=\"checkout\"}"))
        .isEqualTo("up{namespace=\"checkout\", namespace=~\"payments|checkout\"}");
    assertThatThrownBy(() -> two.enforce("up{namespace=\"payments-shadow\"}"))
        .isInstanceOf(ScopeViolationException.class);
  }

  @Test
  void several_equality_entries_on_one_label_become_one_escaped_alternation() {
    LabelScope scope = LabelScope.fromGrantScope(List.of("{namespace=\"payments\"}", "namespace=\"a.b\""));
    assertThat(scope.matchers()).containsExactly(new LabelMatcher("namespace", Operator.REGEX, "payments|a\\.b"));
    assertThatThrownBy(() -> scope.enforce("up{namespace=\"aXb\"}")).isInstanceOf(ScopeViolationException.class);
  }

  @Test
  void entries_that_cannot_be_combined_are_rejected_when_the_grant_is_read() {
    assertThatThrownBy(() -> LabelScope.fromGrantScope(List.of("namespace=\"a\"", "team=\"b\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be combined");
    assertThatThrownBy(() -> LabelScope.fromGrantScope(List.of("namespace=payments")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a quoted string");
  }

  @Test
  void one_entry_with_several_matchers_requires_all_of_them() {
    LabelScope scope = LabelScope.fromGrantScope(List.of("{namespace=\"payments\", cluster=\"eu-1\"}"));
    assertThat(scope.enforce("up")).isEqualTo("up{namespace=\"payments\", cluster=\"eu-1\"}");
    assertThatThrownBy(() -> scope.enforce("up{cluster=\"us-1\"}")).isInstanceOf(ScopeViolationException.class);
  }

  @Test
  void series_selectors_are_restricted_the_same_way() {
    assertThat(payments.enforceSelector("up{job=\"a\"}")).isEqualTo("up{job=\"a\", namespace=\"payments\"}");
    assertThatThrownBy(() -> payments.enforceSelector("rate(up[5m])"))
        .isInstanceOf(PromqlSyntaxException.class).hasMessageContaining("series selector");
  }

  @Test
  void the_scope_for_an_integration_combines_its_metrics_read_grants() {
    Grant payments = new Grant("prom-main", "metrics:read", List.of("{namespace=\"payments\"}"));
    Grant checkout = new Grant("prom-main", "metrics:read", List.of("{namespace=\"checkout\"}"));
    Grant otherIntegration = new Grant("prom-eu", "metrics:read", List.of());
    Grant chat = new Grant("prom-main", "chat:post", List.of());
    assertThat(LabelScope.forIntegration(List.of(payments, checkout, otherIntegration, chat), "prom-main"))
        .contains(new LabelScope(List.of(new LabelMatcher("namespace", Operator.REGEX, "payments|checkout"))));
    assertThat(LabelScope.forIntegration(List.of(payments, new Grant("prom-main", "metrics:read", List.of())),
        "prom-main")).contains(LabelScope.unrestricted());
    assertThat(LabelScope.forIntegration(List.of(otherIntegration, chat), "prom-main")).isEmpty();
  }

  @Test
  void a_scope_on_the_metric_name_moves_a_written_name_into_the_braces() {
    LabelScope names = LabelScope.fromGrantScope(List.of("{__name__=~\"http_.*|up\"}"));
    assertThat(names.enforce("rate(http_requests_total{code=\"500\"}[5m])"))
        .isEqualTo("rate({__name__=\"http_requests_total\", code=\"500\", __name__=~\"http_.*|up\"}[5m])");
    assertThatThrownBy(() -> names.enforce("node_cpu_seconds_total")).isInstanceOf(ScopeViolationException.class);
  }

  @Test
  void an_unrestricted_scope_leaves_queries_as_written() {
    assertThat(LabelScope.fromGrantScope(List.of()).enforce("up{namespace=\"other\"}"))
        .isEqualTo("up{namespace=\"other\"}");
  }

  @Test
  void malformed_queries_fail_as_syntax_errors_not_as_scope_errors() {
    assertThatThrownBy(() -> payments.enforce("sum(up"))
        .isInstanceOf(PromqlSyntaxException.class);
  }
}
