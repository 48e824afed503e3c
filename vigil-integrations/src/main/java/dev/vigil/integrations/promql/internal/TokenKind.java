package dev.vigil.integrations.promql.internal;

/** The kinds of PromQL tokens. Keywords are {@link #IDENTIFIER}s; the parser decides by position. */
public enum TokenKind {
  IDENTIFIER,
  /** An identifier containing ':' (recording-rule names such as {@code job:requests:rate5m}). */
  METRIC_IDENTIFIER,
  NUMBER,
  DURATION,
  STRING,
  LEFT_PAREN,
  RIGHT_PAREN,
  LEFT_BRACE,
  RIGHT_BRACE,
  LEFT_BRACKET,
  RIGHT_BRACKET,
  COMMA,
  COLON,
  AT,
  ADD,
  SUB,
  MUL,
  DIV,
  MOD,
  POW,
  EQL,
  EQLC,
  NEQ,
  LSS,
  LTE,
  GTR,
  GTE,
  EQL_REGEX,
  NEQ_REGEX,
  EOF
}
