package dev.vigil.integrations.promql.internal;

/**
 * One lexical token.
 *
 * @param kind what it is
 * @param text the characters as written (for strings: the decoded value)
 * @param position 0-based offset of its first character in the query
 */
public record Token(TokenKind kind, String text, int position) {
  /** Whether this is an identifier spelled {@code word}, ignoring case as PromQL keywords do. */
  public boolean isWord(String word) {
    return kind == TokenKind.IDENTIFIER && text.equalsIgnoreCase(word);
  }

  /** How an error message shows it. */
  public String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case STRING -> "string \"" + text + "\"";
      case IDENTIFIER, METRIC_IDENTIFIER -> "identifier \"" + text + "\"";
      case NUMBER -> "number " + text;
      case DURATION -> "duration " + text;
      default -> "\"" + text + "\"";
    };
  }
}
