package dev.vigil.integrations.promql;

/**
 * A query that is not valid PromQL. The message names the line and column (1-based) and shows the
 * offending line with a caret under the character, so a user can fix it without counting.
 * Invalid input: retrying does not help.
 */
public final class PromqlSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String query;
  private final int position;
  private final int line;
  private final int column;
  private final String reason;

  public PromqlSyntaxException(String query, int position, String reason) {
    this(query, Math.max(0, Math.min(position, query.length())), reason, lineStart(query, position));
  }

  private PromqlSyntaxException(String query, int position, String reason, int lineStart) {
    super(describe(query, position, reason, lineStart));
    this.query = query;
    this.position = position;
    this.reason = reason;
    this.line = (int) query.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
    this.column = position - lineStart + 1;
  }

  /** The query as given. */
  public String query() {
    return query;
  }

  /** 0-based offset of the offending character in {@link #query()}. */
  public int position() {
    return position;
  }

  /** 1-based line of the offending character. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending character within its line. */
  public int column() {
    return column;
  }

  /** What was wrong, without the location. */
  public String reason() {
    return reason;
  }

  private static int lineStart(String query, int position) {
    int at = Math.max(0, Math.min(position, query.length()));
    return at == 0 ? 0 : query.lastIndexOf('\n', at - 1) + 1;
  }

  private static String describe(String query, int position, String reason, int lineStart) {
    int lineEnd = query.indexOf('\n', position);
    String lineText = query.substring(lineStart, lineEnd < 0 ? query.length() : lineEnd);
    int line = (int) query.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
    int column = position - lineStart + 1;
    return "PromQL line " + line + ", column " + column + ": " + reason + "\n  " + lineText + "\n  "
        + " ".repeat(column - 1) + "^";
  }
}
