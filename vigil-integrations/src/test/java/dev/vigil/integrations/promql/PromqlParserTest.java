package dev.vigil.integrations.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.metrics.LabelMatcher.Operator;
import dev.vigil.integrations.promql.Expr.Aggregation;
import dev.vigil.integrations.promql.Expr.At;
import dev.vigil.integrations.promql.Expr.Binary;
import dev.vigil.integrations.promql.Expr.Call;
import dev.vigil.integrations.promql.Expr.Cardinality;
import dev.vigil.integrations.promql.Expr.MatrixSelector;
import dev.vigil.integrations.promql.Expr.NumberLiteral;
import dev.vigil.integrations.promql.Expr.Paren;
import dev.vigil.integrations.promql.Expr.StringLiteral;
import dev.vigil.integrations.promql.Expr.Subquery;
import dev.vigil.integrations.promql.Expr.Unary;
import dev.vigil.integrations.promql.Expr.VectorSelector;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromqlParserTest {

  private static VectorSelector selector(String name, LabelMatcher... matchers) {
    return new VectorSelector(Optional.ofNullable(name), List.of(matchers), Optional.empty(), Optional.empty());
  }

  @Nested
  class Selectors {
    @Test
    void a_bare_metric_name_is_a_selector_without_matchers() {
      assertThat(PromqlParser.parse("up")).isEqualTo(selector("up"));
    }

    @Test
    void all_four_matcher_operators_are_read_with_their_values() {
      Expr expr = PromqlParser.parse("http_requests_total{job=\"api\", code!=\"200\", path=~\"/v1/.*\", pod!~'canary-.+'}");
      assertThat(expr).isEqualTo(selector("http_requests_total",
          new LabelMatcher("job", Operator.EQUAL, "api"),
          new LabelMatcher("code", Operator.NOT_EQUAL, "200"),
          new LabelMatcher("path", Operator.REGEX, "/v1/.*"),
          new LabelMatcher("pod", Operator.NOT_REGEX, "canary-.+")));
    }

    @Test
    void recording_rule_names_with_colons_are_metric_names() {
      assertThat(PromqlParser.parse("job:http_requests:rate5m{job=\"a\"}"))
          .isEqualTo(selector("job:http_requests:rate5m", LabelMatcher.equal("job", "a")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum", "offset", "by", "without", "count", "and", "or", "unless", "start", "end",
        "rate", "topk"})
    void words_that_are_keywords_elsewhere_are_metric_names_in_operand_position(String name) {
      assertThat(PromqlParser.parse(name + "{job=\"a\"}")).isEqualTo(selector(name, LabelMatcher.equal("job", "a")));
      assertThat(PromqlParser.parse(name)).isEqualTo(selector(name));
    }

    @Test
    void keywords_are_label_names_inside_braces_and_groupings() {
      Expr expr = PromqlParser.parse("sum by (on, bool, offset) (x{on=\"1\", bool=\"2\", by=\"3\", nan=\"4\"})");
      Aggregation agg = (Aggregation) expr;
      assertThat(agg.grouping().orElseThrow().labels()).containsExactly("on", "bool", "offset");
      assertThat(((VectorSelector) agg.expr()).matchers()).extracting(LabelMatcher::name)
          .containsExactly("on", "bool", "by", "nan");
    }

    @Test
    void metric_name_may_be_given_as_a_name_matcher_alone() {
      assertThat(PromqlParser.parse("{__name__=~\"http_.*\"}"))
          .isEqualTo(selector(null, new LabelMatcher("__name__", Operator.REGEX, "http_.*")));
    }

    @Test
    void string_escapes_follow_go_and_backquotes_are_raw() {
      VectorSelector s = (VectorSelector) PromqlParser.parse("x{a=\"q\\\"uote\\n\\u00e9\\x41\", b=`raw\\n`}");
      assertThat(s.matchers().get(0).value()).isEqualTo("q\"uote\n\u00e9A");
      assertThat(s.matchers().get(1).value()).isEqualTo("raw\\n");
    }

    @Test
    void trailing_commas_are_accepted_in_matchers_and_label_lists_but_not_in_arguments() {
      assertThat(PromqlParser.parse("x{a=\"1\",}")).isEqualTo(selector("x", LabelMatcher.equal("a", "1")));
      assertThat(PromqlParser.parse("sum by (a,) (x)")).isInstanceOf(Aggregation.class);
      assertThatThrownBy(() -> PromqlParser.parse("round(x, 1,)"))
          .hasMessageContaining("trailing commas not allowed in function call args");
    }

    @Test
    void offset_and_at_attach_to_the_selector_in_either_order() {
      VectorSelector a = (VectorSelector) PromqlParser.parse("x offset 5m @ 1700000000");
      VectorSelector b = (VectorSelector) PromqlParser.parse("x @ 1700000000 offset 5m");
      assertThat(a).isEqualTo(b);
      assertThat(a.offset()).contains(Duration.ofMinutes(5));
      assertThat(a.at()).contains(new At.Time(1_700_000_000));
      assertThat(((VectorSelector) PromqlParser.parse("x offset -1h30m")).offset())
          .contains(Duration.ofMinutes(-90));
      assertThat(((VectorSelector) PromqlParser.parse("x @ start()")).at()).contains(new At.Start());
      assertThat(((VectorSelector) PromqlParser.parse("x @ end()")).at()).contains(new At.End());
    }

    @Test
    void a_range_selector_keeps_offset_on_its_inner_selector() {
      MatrixSelector m = (MatrixSelector) PromqlParser.parse("x{a=\"b\"}[5m] offset 1w");
      assertThat(m.range()).isEqualTo(Duration.ofMinutes(5));
      assertThat(m.selector().offset()).contains(Duration.ofDays(7));
      assertThat(((MatrixSelector) PromqlParser.parse("x[1h30m]")).range()).isEqualTo(Duration.ofMinutes(90));
      assertThat(((MatrixSelector) PromqlParser.parse("x[500ms]")).range()).isEqualTo(Duration.ofMillis(500));
    }
  }

  @Nested
  class Operators {
    @Test
    void multiplication_binds_tighter_than_addition() {
      Binary add = (Binary) PromqlParser.parse("a + b * c");
      assertThat(add.operator()).isEqualTo(BinaryOperator.ADD);
      assertThat(((Binary) add.rhs()).operator()).isEqualTo(BinaryOperator.MUL);
    }

    @Test
    void subtraction_groups_to_the_left_and_power_to_the_right() {
      Binary sub = (Binary) PromqlParser.parse("a - b - c");
      assertThat(sub.lhs()).isInstanceOf(Binary.class);
      assertThat(sub.rhs()).isEqualTo(selector("c"));
      Binary pow = (Binary) PromqlParser.parse("a ^ b ^ c");
      assertThat(pow.lhs()).isEqualTo(selector("a"));
      assertThat(pow.rhs()).isInstanceOf(Binary.class);
    }

    @Test
    void set_operators_bind_loosest_with_or_below_and() {
      Binary or = (Binary) PromqlParser.parse("a and b or c unless d");
      assertThat(or.operator()).isEqualTo(BinaryOperator.OR);
      assertThat(((Binary) or.lhs()).operator()).isEqualTo(BinaryOperator.AND);
      assertThat(((Binary) or.rhs()).operator()).isEqualTo(BinaryOperator.UNLESS);
    }

    @Test
    void comparisons_bind_looser_than_arithmetic() {
      Binary gt = (Binary) PromqlParser.parse("a / b > 0.5");
      assertThat(gt.operator()).isEqualTo(BinaryOperator.GTR);
      assertThat(gt.rhs()).isEqualTo(new NumberLiteral(0.5));
    }

    @Test
    void unary_minus_binds_like_multiplication_below_power() {
      assertThat(PromqlParser.parse("-2 ^ 2")).isEqualTo(new Unary(true,
          new Binary(BinaryOperator.POW, new NumberLiteral(2), new NumberLiteral(2), false, Optional.empty())));
      Binary mul = (Binary) PromqlParser.parse("-a * b");
      assertThat(mul.lhs()).isEqualTo(new Unary(true, selector("a")));
      assertThat(PromqlParser.parse("-1")).isEqualTo(new NumberLiteral(-1));
    }

    @Test
    void bool_and_vector_matching_modifiers_are_read() {
      Binary b = (Binary) PromqlParser.parse(
          "rate(errors[5m]) > bool on(job, instance) group_left(version) build_info");
      assertThat(b.returnBool()).isTrue();
      Expr.VectorMatching m = b.matching().orElseThrow();
      assertThat(m.on()).isTrue();
      assertThat(m.labels()).containsExactly("job", "instance");
      assertThat(m.cardinality()).isEqualTo(Cardinality.MANY_TO_ONE);
      assertThat(m.include()).containsExactly("version");
    }

    @Test
    void on_with_no_labels_matches_everything_to_one_series() {
      Binary b = (Binary) PromqlParser.parse("sum(rate(a[5m])) / on() group_right sum(rate(b[5m]))");
      assertThat(b.matching().orElseThrow().labels()).isEmpty();
      assertThat(b.matching().orElseThrow().cardinality()).isEqualTo(Cardinality.ONE_TO_MANY);
      assertThat(b.matching().orElseThrow().include()).isEmpty();
    }

    @Test
    void word_operators_ignore_case_like_prometheus_keywords() {
      assertThat(((Binary) PromqlParser.parse("a AND b")).operator()).isEqualTo(BinaryOperator.AND);
      assertThat(((Binary) PromqlParser.parse("a atan2 b")).operator()).isEqualTo(BinaryOperator.ATAN2);
      assertThat(PromqlParser.parse("SUM BY (x) (y)")).isInstanceOf(Aggregation.class);
    }

    @Test
    void scalar_arithmetic_stays_scalar() {
      assertThat(PromqlParser.parse("1 + 2 * 3").type()).isEqualTo(ValueType.SCALAR);
      assertThat(PromqlParser.parse("1 < bool 2").type()).isEqualTo(ValueType.SCALAR);
      assertThat(PromqlParser.parse("x * 2").type()).isEqualTo(ValueType.INSTANT_VECTOR);
    }
  }

  @Nested
  class CallsAndAggregations {
    @Test
    void histogram_quantile_over_summed_bucket_rates() {
      Call call = (Call) PromqlParser.parse(
          "histogram_quantile(0.99, sum by (le) (rate(x_bucket{service=\"a\"}[5m])))");
      assertThat(call.function()).isEqualTo("histogram_quantile");
      assertThat(call.args().getFirst()).isEqualTo(new NumberLiteral(0.99));
      Aggregation sum = (Aggregation) call.args().get(1);
      assertThat(sum.grouping().orElseThrow()).isEqualTo(new Expr.Grouping(false, List.of("le")));
      Call rate = (Call) sum.expr();
      assertThat(rate.args().getFirst()).isEqualTo(new MatrixSelector(
          selector("x_bucket", LabelMatcher.equal("service", "a")), Duration.ofMinutes(5)));
    }

    @Test
    void grouping_may_follow_the_arguments() {
      assertThat(PromqlParser.parse("sum(x) without (pod)"))
          .isEqualTo(PromqlParser.parse("sum without (pod) (x)"));
    }

    @Test
    void parameterised_aggregations_keep_their_parameter() {
      Aggregation topk = (Aggregation) PromqlParser.parse("topk(5, rate(x[1m]))");
      assertThat(topk.param()).contains(new NumberLiteral(5));
      Aggregation cv = (Aggregation) PromqlParser.parse("count_values(\"version\", build_info)");
      assertThat(cv.param()).contains(new StringLiteral("version"));
      Aggregation q = (Aggregation) PromqlParser.parse("quantile by (job) (0.9, x)");
      assertThat(q.param()).contains(new NumberLiteral(0.9));
    }

    @Test
    void optional_and_variadic_arguments_are_counted() {
      assertThat(PromqlParser.parse("hour()")).isInstanceOf(Call.class);
      assertThat(PromqlParser.parse("round(x)")).isInstanceOf(Call.class);
      assertThat(PromqlParser.parse("round(x, 0.5)")).isInstanceOf(Call.class);
      assertThat(PromqlParser.parse("label_join(x, \"dst\", \",\", \"a\", \"b\", \"c\")")).isInstanceOf(Call.class);
      assertThat(PromqlParser.parse("time()").type()).isEqualTo(ValueType.SCALAR);
    }

    @Test
    void subqueries_take_any_instant_vector_with_optional_step() {
      Subquery q = (Subquery) PromqlParser.parse("rate(x[1m])[1h:5m] offset 1d");
      assertThat(q.range()).isEqualTo(Duration.ofHours(1));
      assertThat(q.step()).contains(Duration.ofMinutes(5));
      assertThat(q.offset()).contains(Duration.ofDays(1));
      Subquery noStep = (Subquery) PromqlParser.parse("(a + b)[30m:]");
      assertThat(noStep.step()).isEmpty();
      assertThat(noStep.expr()).isInstanceOf(Paren.class);
      assertThat(PromqlParser.parse("max_over_time(deriv(x[5m])[1h:1m])")).isInstanceOf(Call.class);
    }

    @Test
    void numbers_in_all_notations() {
      assertThat(PromqlParser.parse("0x1F")).isEqualTo(new NumberLiteral(31));
      assertThat(PromqlParser.parse("1e-3")).isEqualTo(new NumberLiteral(0.001));
      assertThat(PromqlParser.parse(".5")).isEqualTo(new NumberLiteral(0.5));
      assertThat(PromqlParser.parse("Inf")).isEqualTo(new NumberLiteral(Double.POSITIVE_INFINITY));
      assertThat(PromqlParser.parse("-inf")).isEqualTo(new NumberLiteral(Double.NEGATIVE_INFINITY));
      assertThat(PromqlParser.parse("NaN")).isEqualTo(new NumberLiteral(Double.NaN));
    }

    @Test
    void comments_are_ignored() {
      assertThat(PromqlParser.parse("sum(x) # total\n  + 1")).isInstanceOf(Binary.class);
    }
  }

  @Nested
  class AgreementWithPrometheus {
    @Test
    void every_query_prometheus_accepts_parses() {
      for (String query : PromqlCorpus.VALID) {
        assertThat(PromqlParser.parse(query)).as(query).isNotNull();
      }
    }

    @Test
    void every_query_prometheus_rejects_fails_with_a_position() {
      for (String query : PromqlCorpus.INVALID) {
        assertThatThrownBy(() -> PromqlParser.parse(query)).as(query).isInstanceOf(PromqlSyntaxException.class);
      }
    }
  }

  @Nested
  class Errors {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        sum(rate(x[5m])                      | 1 | 16 | expected "," or ")"
        rate(x)                              | 1 | 6  | expected type range vector in call to function "rate", got instant vector
        foo(x)                               | 1 | 1  | unknown function "foo"
        x{a="b"                              | 1 | 8  | expected "," or "}"
        x{a=b}                               | 1 | 5  | expected a quoted string
        x{a~"b"}                             | 1 | 4  | unexpected character '~'
        {a=""}                               | 1 | 1  | at least one non-empty matcher
        (x)[5m]                              | 1 | 4  | ranges are only allowed for vector selectors
        x[5m][10m]                           | 1 | 6  | ranges are only allowed for vector selectors
        1 > 2                                | 1 | 3  | must use the bool modifier
        x + bool y                           | 1 | 5  | bool modifier can only be used on comparison operators
        1 and x                              | 1 | 3  | only allowed between instant vectors
        x and on(a) group_left y             | 1 | 13 | no grouping allowed for "and" operation
        x * group_left y                     | 1 | 5  | needs on(...) or ignoring(...)
        sum(x[5m])                           | 1 | 5  | expected type instant vector in aggregation
        topk(x)                              | 1 | 5  | wrong number of arguments for aggregate expression "topk"
        round(x, 1, 2)                       | 1 | 6  | wrong number of arguments for function "round": expected 1 to 2, got 3
        x offset 5m offset 1m                | 1 | 13 | offset modifier may not be set more than once
        sum(x) offset 5m                     | 1 | 8  | offset modifier must follow a vector selector
        x offset 5m[1m]                      | 1 | 12 | no offset or @ modifier allowed before a range
        x[5]                                 | 1 | 3  | expected a range like 5m
        x[5m:1]                              | 1 | 6  | unexpected number 1
        x[1m30h]                             | 1 | 7  | largest to smallest
        5m                                   | 1 | 1  | unexpected duration
        x{a="b"} x                           | 1 | 10 | expected end of the query
        1.5x                                 | 1 | 4  | after number
        x{a=~"("}                            | 1 | 6  | invalid regular expression
        job:x{job:a="b"}                     | 1 | 7  | label names may not contain ':'
        on{a="b"}                            | 1 | 1  | unexpected keyword "on"
        x{a="b\\q"}                          | 1 | 7  | unknown escape sequence
        'unterminated                        | 1 | 1  | unterminated string
        -x[5m]                               | 1 | 1  | unary expression only allowed on expressions of type scalar or instant vector
        """)
    void malformed_queries_fail_with_line_column_and_reason(String query, int line, int column, String reason) {
      assertThatThrownBy(() -> PromqlParser.parse(query.strip()))
          .isInstanceOfSatisfying(PromqlSyntaxException.class, e -> {
            assertThat(e.reason()).contains(reason);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
          });
    }

    @Test
    void the_message_shows_the_line_with_a_caret_under_the_problem() {
      assertThatThrownBy(() -> PromqlParser.parse("sum(\n  rate(x{a=\"b\"}[5m]) +\n  )"))
          .isInstanceOf(PromqlSyntaxException.class)
          .hasMessage("PromQL line 3, column 3: unexpected \")\", expected an expression\n    )\n    ^");
    }

    @Test
    void empty_and_blank_queries_are_rejected() {
      assertThatThrownBy(() -> PromqlParser.parse("  ")).hasMessageContaining("empty query");
      assertThatThrownBy(() -> PromqlParser.parse(null)).hasMessageContaining("empty query");
    }
  }
}
