package dev.vigil.integrations.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.integrations.promql.Expr.Binary;
import dev.vigil.integrations.promql.Expr.NumberLiteral;
import dev.vigil.integrations.promql.Expr.Unary;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromqlPrinterTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "up",
      "up{job=\"api\", code!=\"200\", path=~\"/v1/.*\", pod!~\"canary-.+\"}",
      "{__name__=~\"http_.*\"}",
      "histogram_quantile(0.99, sum by (le) (rate(x_bucket{service=\"a\"}[5m])))",
      "sum without (pod) (rate(x[5m] offset 1h))",
      "max_over_time(rate(x[1m])[1h:5m] offset 1d @ 1700000000)",
      "(a + b)[30m:]",
      "rate(x[5m] @ start())",
      "x @ end() offset -5m",
      "a - (b - c)",
      "(a - b) - c",
      "a ^ b ^ c",
      "(a ^ b) ^ c",
      "-2 ^ 2",
      "(-2) ^ 2",
      "-(a + b)",
      "a > bool on(job, instance) group_left(version) b",
      "a / ignoring(code) group_right b",
      "sum(a) / on() b",
      "a and b or c unless d",
      "topk(5, x) and on(job) count_values(\"v\", y)",
      "label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")",
      "x{a=\"q\\\"uote\\nline\\\\back\"}",
      "NaN + Inf - -Inf",
      "0.001 * 1e21",
      "sum(x) # comment\n + 1",
      "offset{by=\"x\"} offset 1h",
      "a atan2 b",
      "-x",
      "+x",
      "x[1y2w3d4h5m6s7ms]",
  })
  void printed_queries_parse_back_to_the_same_tree(String query) {
    Expr parsed = PromqlParser.parse(query);
    String printed = PromqlPrinter.print(parsed);
    assertThat(PromqlParser.parse(printed)).as(printed).isEqualTo(parsed);
    assertThat(PromqlPrinter.print(PromqlParser.parse(printed))).isEqualTo(printed);
  }

  @Test
  void every_valid_corpus_query_prints_back_to_the_same_tree() {
    for (String query : PromqlCorpus.VALID) {
      Expr parsed = PromqlParser.parse(query);
      assertThat(PromqlParser.parse(PromqlPrinter.print(parsed))).as(query).isEqualTo(parsed);
    }
  }

  @Test
  void random_hand_built_trees_print_as_queries_that_mean_the_same_tree() {
    RandomPromql random = new RandomPromql(20261125);
    for (int i = 0; i < 2000; i++) {
      Expr tree = i % 2 == 0 ? random.vector(4) : random.scalar(4);
      String printed = PromqlPrinter.print(tree);
      Expr reparsed;
      try {
        reparsed = PromqlParser.parse(printed);
      } catch (PromqlSyntaxException e) {
        throw new AssertionError("printed tree does not parse: " + printed + "\n" + e.getMessage(), e);
      }
      assertThat(RandomPromql.withoutParens(reparsed)).as(printed).isEqualTo(RandomPromql.withoutParens(tree));
    }
  }

  @Test
  void canonical_layout_puts_grouping_first_and_spaces_around_operators() {
    assertThat(PromqlPrinter.print(PromqlParser.parse("sum(rate(x{a='b'}[5m]))by(le)")))
        .isEqualTo("sum by (le) (rate(x{a=\"b\"}[5m]))");
    assertThat(PromqlPrinter.print(PromqlParser.parse("a>bool ON(x)GROUP_LEFT b")))
        .isEqualTo("a > bool on(x) group_left() b");
    assertThat(PromqlPrinter.print(PromqlParser.parse("x[90m]"))).isEqualTo("x[1h30m]");
  }

  @Test
  void hand_built_trees_get_the_parentheses_their_meaning_needs() {
    Expr a = PromqlParser.parse("a");
    Expr b = PromqlParser.parse("b");
    Expr sum = new Binary(BinaryOperator.ADD, a, b, false, Optional.empty());
    Expr product = new Binary(BinaryOperator.MUL, sum, PromqlParser.parse("c"), false, Optional.empty());
    assertThat(PromqlPrinter.print(product)).isEqualTo("(a + b) * c");
    Expr negatedSum = new Unary(true, sum);
    assertThat(PromqlPrinter.print(negatedSum)).isEqualTo("-(a + b)");
    Expr powOfNegative = new Binary(BinaryOperator.POW, new NumberLiteral(-2), new NumberLiteral(2), false,
        Optional.empty());
    assertThat(PromqlParser.parse(PromqlPrinter.print(powOfNegative)).toString())
        .contains("Paren");
  }
}
