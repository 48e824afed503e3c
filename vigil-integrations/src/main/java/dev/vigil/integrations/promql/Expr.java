package dev.vigil.integrations.promql;

import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.metrics.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed PromQL expression. Immutable; {@link PromqlPrinter} turns it back into text that parses
 * to an equal tree. Positions are not kept: trees are compared and rewritten, not re-reported.
 */
public sealed interface Expr {

  /** The value type this expression evaluates to. */
  ValueType type();

  /** {@code 42}, {@code 1e-3}, {@code 0x1F}, {@code Inf}, {@code NaN}. */
  record NumberLiteral(double value) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.SCALAR;
    }

    @Override
    public boolean equals(Object other) {
      // NaN literals are the same literal even though NaN != NaN.
      return other instanceof NumberLiteral n && Double.compare(value, n.value) == 0;
    }

    @Override
    public int hashCode() {
      return Double.hashCode(value);
    }
  }

  /** {@code "text"}: the decoded value, without quotes or escapes. */
  record StringLiteral(String value) implements Expr {
    public StringLiteral {
      if (value == null) {
        throw new IllegalArgumentException("string literal needs a value");
      }
    }

    @Override
    public ValueType type() {
      return ValueType.STRING;
    }
  }

  /**
   * {@code name{matchers} offset d @ t}. A selector needs a metric name or at least one matcher that
   * does not match the empty string, as in Prometheus.
   *
   * @param metricName the name written before the braces, if any ({@code {__name__="x"}} is a matcher)
   * @param matchers the matchers written in the braces, in order
   * @param offset how far back to shift the evaluation time; may be negative
   * @param at a fixed evaluation time ({@code @ 1700000000}, {@code @ start()}, {@code @ end()})
   */
  record VectorSelector(Optional<String> metricName, List<LabelMatcher> matchers, Optional<Duration> offset,
      Optional<At> at) implements Expr {
    public VectorSelector {
      metricName = metricName == null ? Optional.empty() : metricName;
      matchers = List.copyOf(matchers);
      offset = offset == null ? Optional.empty() : offset;
      at = at == null ? Optional.empty() : at;
    }

    /** The same selector with {@code extra} matchers appended. */
    public VectorSelector withMatchers(List<LabelMatcher> extra) {
      List<LabelMatcher> all = new ArrayList<>(matchers);
      all.addAll(extra);
      return new VectorSelector(metricName, all, offset, at);
    }

    /** The name as a matcher followed by the written matchers: everything a series must satisfy. */
    public List<LabelMatcher> allMatchers() {
      if (metricName.isEmpty()) {
        return matchers;
      }
      List<LabelMatcher> all = new ArrayList<>();
      all.add(LabelMatcher.equal(Labels.METRIC_NAME, metricName.get()));
      all.addAll(matchers);
      return List.copyOf(all);
    }

    @Override
    public ValueType type() {
      return ValueType.INSTANT_VECTOR;
    }
  }

  /** {@code selector[range]}; offset and @ stay on the inner selector, as Prometheus models them. */
  record MatrixSelector(VectorSelector selector, Duration range) implements Expr {
    public MatrixSelector {
      if (selector == null || range == null) {
        throw new IllegalArgumentException("range selector needs a selector and a range");
      }
    }

    @Override
    public ValueType type() {
      return ValueType.RANGE_VECTOR;
    }
  }

  /** {@code expr[range:step] offset d @ t}; an empty step means the global evaluation interval. */
  record Subquery(Expr expr, Duration range, Optional<Duration> step, Optional<Duration> offset, Optional<At> at)
      implements Expr {
    public Subquery {
      if (expr == null || range == null) {
        throw new IllegalArgumentException("subquery needs an expression and a range");
      }
      step = step == null ? Optional.empty() : step;
      offset = offset == null ? Optional.empty() : offset;
      at = at == null ? Optional.empty() : at;
    }

    @Override
    public ValueType type() {
      return ValueType.RANGE_VECTOR;
    }
  }

  /** {@code ( expr )}: kept so that printing preserves the author's grouping. */
  record Paren(Expr expr) implements Expr {
    @Override
    public ValueType type() {
      return expr.type();
    }
  }

  /** {@code -expr} or {@code +expr}. */
  record Unary(boolean negative, Expr expr) implements Expr {
    @Override
    public ValueType type() {
      return expr.type();
    }
  }

  /** {@code function(args)}, checked against the known functions' signatures. */
  record Call(String function, List<Expr> args) implements Expr {
    public Call {
      if (Functions.signature(function).isEmpty()) {
        throw new IllegalArgumentException("unknown PromQL function '" + function + "'");
      }
      args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
      return Functions.signature(function).orElseThrow().returns();
    }
  }

  /**
   * {@code op by (labels) (param, expr)}.
   *
   * @param operator lower-case aggregation name, e.g. {@code sum}, {@code topk}
   * @param param the first argument of {@code topk}, {@code bottomk}, {@code quantile}, {@code count_values}
   * @param grouping {@code by}/{@code without} and its labels, if written
   */
  record Aggregation(String operator, Expr expr, Optional<Expr> param, Optional<Grouping> grouping)
      implements Expr {
    public Aggregation {
      if (!Functions.AGGREGATIONS.contains(operator)) {
        throw new IllegalArgumentException("unknown PromQL aggregation '" + operator + "'");
      }
      if (expr == null) {
        throw new IllegalArgumentException("aggregation '" + operator + "' needs an expression");
      }
      param = param == null ? Optional.empty() : param;
      grouping = grouping == null ? Optional.empty() : grouping;
    }

    @Override
    public ValueType type() {
      return ValueType.INSTANT_VECTOR;
    }
  }

  /** {@code by (a, b)} or {@code without (a, b)}. */
  record Grouping(boolean without, List<String> labels) {
    public Grouping {
      labels = List.copyOf(labels);
    }
  }

  /**
   * {@code lhs op bool on(labels) group_left(include) rhs}.
   *
   * @param returnBool {@code bool}: a comparison returns 0/1 instead of filtering
   * @param matching how vector elements are paired, when written
   */
  record Binary(BinaryOperator operator, Expr lhs, Expr rhs, boolean returnBool, Optional<VectorMatching> matching)
      implements Expr {
    public Binary {
      matching = matching == null ? Optional.empty() : matching;
    }

    @Override
    public ValueType type() {
      return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
          ? ValueType.SCALAR : ValueType.INSTANT_VECTOR;
    }
  }

  /**
   * {@code on(labels)} or {@code ignoring(labels)} with an optional {@code group_left}/{@code group_right}.
   *
   * @param on true for {@code on}, false for {@code ignoring}
   * @param include labels named in {@code group_left(...)}/{@code group_right(...)}
   */
  record VectorMatching(boolean on, List<String> labels, Cardinality cardinality, List<String> include) {
    public VectorMatching {
      labels = List.copyOf(labels);
      include = List.copyOf(include);
    }
  }

  /** How many elements of each side may pair up. */
  enum Cardinality {
    ONE_TO_ONE,
    MANY_TO_ONE,
    ONE_TO_MANY
  }

  /** The {@code @} modifier: a fixed time, or the start or end of the range query. */
  sealed interface At {
    /** {@code @ 1700000000.5}: Unix seconds. */
    record Time(double unixSeconds) implements At {}

    /** {@code @ start()}. */
    record Start() implements At {}

    /** {@code @ end()}. */
    record End() implements At {}
  }
}
