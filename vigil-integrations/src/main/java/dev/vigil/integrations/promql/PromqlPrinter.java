package dev.vigil.integrations.promql;

import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.integrations.promql.Expr.Aggregation;
import dev.vigil.integrations.promql.Expr.At;
import dev.vigil.integrations.promql.Expr.Binary;
import dev.vigil.integrations.promql.Expr.Call;
import dev.vigil.integrations.promql.Expr.MatrixSelector;
import dev.vigil.integrations.promql.Expr.NumberLiteral;
import dev.vigil.integrations.promql.Expr.Paren;
import dev.vigil.integrations.promql.Expr.StringLiteral;
import dev.vigil.integrations.promql.Expr.Subquery;
import dev.vigil.integrations.promql.Expr.Unary;
import dev.vigil.integrations.promql.Expr.VectorMatching;
import dev.vigil.integrations.promql.Expr.VectorSelector;
import dev.vigil.integrations.promql.internal.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints an {@link Expr} as PromQL in one canonical layout. {@code parse(print(e))} equals {@code e}
 * for every tree the parser makes, and parentheses are added where a hand-built tree needs them to
 * keep its meaning.
 */
public final class PromqlPrinter {
  private PromqlPrinter() {}

  public static String print(Expr expr) {
    return switch (expr) {
      case NumberLiteral n -> number(n.value());
      case StringLiteral s -> LabelMatcher.quote(s.value());
      case VectorSelector s -> selector(s) + modifiers(s.offset(), s.at());
      case MatrixSelector m -> selector(m.selector()) + "[" + Durations.format(m.range()) + "]"
          + modifiers(m.selector().offset(), m.selector().at());
      case Subquery q -> operand(q.expr()) + "[" + Durations.format(q.range()) + ":"
          + q.step().map(Durations::format).orElse("") + "]" + modifiers(q.offset(), q.at());
      case Paren p -> "(" + print(p.expr()) + ")";
      case Unary u -> (u.negative() ? "-" : "+") + unaryOperand(u.expr());
      case Call c -> c.function() + "(" + c.args().stream().map(PromqlPrinter::print).collect(Collectors.joining(", "))
          + ")";
      case Aggregation a -> aggregation(a);
      case Binary b -> binary(b);
    };
  }

  private static String selector(VectorSelector s) {
    String name = s.metricName().orElse("");
    if (s.matchers().isEmpty()) {
      return name;
    }
    return name + "{" + s.matchers().stream().map(LabelMatcher::toString).collect(Collectors.joining(", ")) + "}";
  }

  private static String modifiers(Optional<Duration> offset, Optional<At> at) {
    StringBuilder out = new StringBuilder();
    offset.ifPresent(o -> out.append(" offset ").append(Durations.format(o)));
    at.ifPresent(a -> out.append(" @ ").append(switch (a) {
      case At.Time t -> number(t.unixSeconds());
      case At.Start ignored -> "start()";
      case At.End ignored -> "end()";
    }));
    return out.toString();
  }

  /** A subquery's inner expression: anything that is not a plain operand needs parentheses. */
  private static String operand(Expr expr) {
    boolean plain = expr instanceof VectorSelector || expr instanceof Call || expr instanceof Paren
        || expr instanceof Aggregation || expr instanceof Subquery || expr instanceof MatrixSelector;
    return plain ? print(expr) : "(" + print(expr) + ")";
  }

  private static String unaryOperand(Expr expr) {
    if (expr instanceof Binary b && b.operator() != BinaryOperator.POW) {
      return "(" + print(expr) + ")";
    }
    // A negative literal under a sign would be folded into one literal on reading: keep it apart.
    if (expr instanceof NumberLiteral n && (n.value() < 0 || (n.value() == 0 && 1 / n.value() < 0))) {
      return "(" + print(expr) + ")";
    }
    String printed = print(expr);
    return printed.startsWith("-") || printed.startsWith("+") ? " " + printed : printed;
  }

  private static String aggregation(Aggregation a) {
    StringBuilder out = new StringBuilder(a.operator());
    a.grouping().ifPresent(g -> out.append(g.without() ? " without " : " by ").append(labels(g.labels())).append(' '));
    out.append('(');
    a.param().ifPresent(p -> out.append(print(p)).append(", "));
    return out.append(print(a.expr())).append(')').toString();
  }

  private static String binary(Binary b) {
    BinaryOperator op = b.operator();
    StringBuilder out = new StringBuilder(side(b.lhs(), op, true)).append(' ').append(op.symbol()).append(' ');
    if (b.returnBool()) {
      out.append("bool ");
    }
    b.matching().ifPresent(m -> out.append(matching(m)));
    return out.append(side(b.rhs(), op, false)).toString();
  }

  private static String matching(VectorMatching m) {
    StringBuilder out = new StringBuilder(m.on() ? "on" : "ignoring").append(labels(m.labels())).append(' ');
    switch (m.cardinality()) {
      case MANY_TO_ONE -> out.append("group_left").append(labels(m.include())).append(' ');
      case ONE_TO_MANY -> out.append("group_right").append(labels(m.include())).append(' ');
      case ONE_TO_ONE -> { }
    }
    return out.toString();
  }

  /** Parenthesises a child operator that would otherwise bind differently on reading. */
  private static String side(Expr child, BinaryOperator parent, boolean left) {
    boolean needsParens = false;
    if (child instanceof Binary b) {
      int c = b.operator().precedence();
      int p = parent.precedence();
      needsParens = c < p || (c == p && (left == parent.rightAssociative()));
    } else if (left && parent == BinaryOperator.POW) {
      // "-a ^ b" reads as -(a ^ b).
      needsParens = child instanceof Unary || (child instanceof NumberLiteral n && n.value() < 0);
    }
    return needsParens ? "(" + print(child) + ")" : print(child);
  }

  private static String labels(List<String> labels) {
    return "(" + String.join(", ", labels) + ")";
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Inf" : "-Inf";
    }
    if (value == 0 && 1 / value < 0) {
      return "-0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).toPlainString();
  }
}
