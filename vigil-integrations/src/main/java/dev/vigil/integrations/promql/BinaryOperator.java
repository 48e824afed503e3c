package dev.vigil.integrations.promql;

import java.util.Arrays;
import java.util.Optional;

/** PromQL's binary operators with their precedence (higher binds tighter) and kind. */
public enum BinaryOperator {
  OR("or", 1),
  AND("and", 2),
  UNLESS("unless", 2),
  EQL("==", 3),
  NEQ("!=", 3),
  LTE("<=", 3),
  LSS("<", 3),
  GTE(">=", 3),
  GTR(">", 3),
  ADD("+", 4),
  SUB("-", 4),
  MUL("*", 5),
  DIV("/", 5),
  MOD("%", 5),
  ATAN2("atan2", 5),
  POW("^", 6);

  /** Unary minus binds like {@code *}: {@code -a * b} is {@code (-a) * b}, {@code -a ^ b} is {@code -(a ^ b)}. */
  public static final int UNARY_PRECEDENCE = 5;

  private final String symbol;
  private final int precedence;

  BinaryOperator(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  /** Only {@code ^} groups to the right: {@code 2 ^ 3 ^ 2} is {@code 2 ^ (3 ^ 2)}. */
  public boolean rightAssociative() {
    return this == POW;
  }

  public boolean isComparison() {
    return precedence == 3;
  }

  /** {@code and}, {@code or}, {@code unless}: they work on vectors only and match many to many. */
  public boolean isSetOperator() {
    return this == OR || this == AND || this == UNLESS;
  }

  /** The operator spelled {@code symbol}; word operators in any case, as PromQL keywords are. */
  public static Optional<BinaryOperator> bySymbol(String symbol) {
    return Arrays.stream(values()).filter(op -> op.symbol.equalsIgnoreCase(symbol)).findFirst();
  }
}
