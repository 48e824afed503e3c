package dev.vigil.core.metrics;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on a label, as in {@code namespace="payments"} or {@code pod=~"api-.*"}. A
 * {@code metrics:read} grant is scoped by a list of these.
 *
 * <p>Regular expressions are anchored at both ends, as in Prometheus. A missing label matches as
 * the empty string, so {@code team!="a"} also matches series without a {@code team} label.
 *
 * @param name the label name
 * @param operator how the value is compared
 * @param value the literal or the regular expression
 */
public record LabelMatcher(String name, Operator operator, String value) {
  /** The four comparisons PromQL knows, with their symbols. */
  public enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isRegex() {
      return this == REGEX || this == NOT_REGEX;
    }
  }

  public LabelMatcher {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("label matcher needs a label name");
    }
    if (operator == null) {
      throw new IllegalArgumentException("label matcher on '" + name + "' needs an operator");
    }
    if (value == null) {
      throw new IllegalArgumentException("label matcher on '" + name + "' needs a value (may be empty)");
    }
    if (operator.isRegex()) {
      try {
        Pattern.compile(javaRegex(value));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "label matcher on '" + name + "': invalid regular expression '" + value + "': " + e.getDescription(), e);
      }
    }
  }

  public static LabelMatcher equal(String name, String value) {
    return new LabelMatcher(name, Operator.EQUAL, value);
  }

  /**
   * Whether a series whose label has {@code labelValue} (null or empty when the label is absent)
   * satisfies this matcher. Java's regex dialect stands in for RE2 here; they agree on the
   * expressions used in scopes (alternations, classes, repetition).
   */
  public boolean matches(String labelValue) {
    String actual = labelValue == null ? "" : labelValue;
    return switch (operator) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case REGEX -> Pattern.compile(javaRegex(value), Pattern.DOTALL).matcher(actual).matches();
      case NOT_REGEX -> !Pattern.compile(javaRegex(value), Pattern.DOTALL).matcher(actual).matches();
    };
  }

  /** RE2 spells named groups (?P<name>...), Java (?<name>...); the rest of the common syntax agrees. */
  private static String javaRegex(String re2) {
    return re2.replace("(?P<", "(?<");
  }

  /** Whether the series with {@code labels} satisfies this matcher. */
  public boolean matches(Labels labels) {
    return matches(labels.values().get(name));
  }

  /** PromQL form, e.g. {@code namespace="pay\"ments"}. */
  @Override
  public String toString() {
    return name + operator.symbol() + quote(value);
  }

  /** {@code text} as a double-quoted PromQL string literal, escaped so it reads back the same. */
  public static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> quoted.append("\\\\");
        case '"' -> quoted.append("\\\"");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
