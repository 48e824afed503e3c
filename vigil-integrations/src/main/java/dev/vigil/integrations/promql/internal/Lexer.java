package dev.vigil.integrations.promql.internal;

import dev.vigil.integrations.promql.PromqlSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits PromQL text into tokens. Context-free on purpose: whether {@code sum} or {@code offset} is
 * a keyword or a metric name depends on where it stands, which only the parser knows.
 */
public final class Lexer {
  private final String input;
  private int pos;
  /** Inside [ ] a ':' separates a subquery's range from its step instead of being part of a name. */
  private int bracketDepth;
  private final List<Token> tokens = new ArrayList<>();

  private Lexer(String input) {
    this.input = input;
  }

  /** The tokens of {@code input}, ending with one {@link TokenKind#EOF}. */
  public static List<Token> tokenize(String input) {
    Lexer lexer = new Lexer(input);
    lexer.run();
    return List.copyOf(lexer.tokens);
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (pos >= input.length()) {
        tokens.add(new Token(TokenKind.EOF, "", pos));
        return;
      }
      int start = pos;
      char c = input.charAt(pos);
      if (Character.isDigit(c) || (c == '.' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1)))) {
        numberOrDuration(start);
      } else if (c == ':' && bracketDepth > 0) {
        pos++;
        tokens.add(new Token(TokenKind.COLON, ":", start));
      } else if (isIdentifierStart(c)) {
        identifier(start);
      } else if (c == '"' || c == '\'' || c == '`') {
        string(start, c);
      } else {
        operator(start, c);
      }
    }
  }

  private void skipSpaceAndComments() {
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (c == '#') {
        while (pos < input.length() && input.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  private void identifier(int start) {
    while (pos < input.length() && isIdentifierPart(input.charAt(pos))) {
      pos++;
    }
    String word = input.substring(start, pos);
    // Inf and NaN are numbers in any case, as in Prometheus; a metric named "nan" needs {__name__="nan"}.
    if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("nan")) {
      tokens.add(new Token(TokenKind.NUMBER, word, start));
    } else {
      tokens.add(new Token(word.indexOf(':') >= 0 ? TokenKind.METRIC_IDENTIFIER : TokenKind.IDENTIFIER, word, start));
    }
  }

  private void numberOrDuration(int start) {
    if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
      pos += 2;
      int digits = pos;
      while (pos < input.length() && Character.digit(input.charAt(pos), 16) >= 0) {
        pos++;
      }
      if (pos == digits) {
        throw error(start, "hexadecimal number without digits");
      }
      rejectTrailingLetter(start);
      tokens.add(new Token(TokenKind.NUMBER, input.substring(start, pos), start));
      return;
    }
    if (durationUnitFollowsDigits()) {
      duration(start);
      return;
    }
    while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
      pos++;
    }
    if (pos < input.length() && input.charAt(pos) == '.') {
      pos++;
      while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
        pos++;
      }
    }
    if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
        pos++;
      }
      if (pos >= input.length() || !Character.isDigit(input.charAt(pos))) {
        pos = mark;
        throw error(mark, "exponent without digits in number");
      }
      while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
        pos++;
      }
    }
    rejectTrailingLetter(start);
    tokens.add(new Token(TokenKind.NUMBER, input.substring(start, pos), start));
  }

  /** Whether the digits at {@link #pos} are followed directly by a duration unit (ms, s, m, h, d, w, y). */
  private boolean durationUnitFollowsDigits() {
    int i = pos;
    while (i < input.length() && Character.isDigit(input.charAt(i))) {
      i++;
    }
    return i > pos && i < input.length() && "smhdwy".indexOf(input.charAt(i)) >= 0;
  }

  private void duration(int start) {
    String previousUnit = null;
    while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
      while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
        pos++;
      }
      int unitStart = pos;
      String unit = input.startsWith("ms", pos) ? "ms" : pos < input.length() ? String.valueOf(input.charAt(pos)) : "";
      if (Durations.unitRank(unit) < 0) {
        throw error(unitStart, "duration needs a unit (ms, s, m, h, d, w, y)");
      }
      if (previousUnit != null && Durations.unitRank(unit) <= Durations.unitRank(previousUnit)) {
        throw error(unitStart, "duration units must go from largest to smallest, each once (like 1h30m)");
      }
      previousUnit = unit;
      pos += unit.length();
    }
    rejectTrailingLetter(start);
    tokens.add(new Token(TokenKind.DURATION, input.substring(start, pos), start));
  }

  private void rejectTrailingLetter(int start) {
    if (pos < input.length() && isIdentifierPart(input.charAt(pos)) && !(input.charAt(pos) == ':' && bracketDepth > 0)) {
      throw error(pos, "unexpected character '" + input.charAt(pos) + "' after number \"" + input.substring(start, pos) + "\"");
    }
  }

  private void string(int start, char quote) {
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= input.length()) {
        throw error(start, "unterminated string");
      }
      char c = input.charAt(pos);
      if (c == quote) {
        pos++;
        break;
      }
      if (quote == '`') {
        value.append(c);
        pos++;
        continue;
      }
      if (c == '\n') {
        throw error(start, "unterminated string (a quoted string may not span lines; use backquotes)");
      }
      if (c == '\\') {
        escape(value, quote);
      } else {
        value.append(c);
        pos++;
      }
    }
    tokens.add(new Token(TokenKind.STRING, value.toString(), start));
  }

  /** Go's escapes, as PromQL uses Go's string syntax. */
  private void escape(StringBuilder value, char quote) {
    int at = pos;
    pos++;
    if (pos >= input.length()) {
      throw error(at, "escape sequence at end of input");
    }
    char e = input.charAt(pos++);
    switch (e) {
      case 'a' -> value.append('\u0007');
      case 'b' -> value.append('\b');
      case 'f' -> value.append('\f');
      case 'n' -> value.append('\n');
      case 'r' -> value.append('\r');
      case 't' -> value.append('\t');
      case 'v' -> value.append('\u000b');
      case '\\' -> value.append('\\');
      case '"', '\'' -> {
        if (e != quote) {
          throw error(at, "unknown escape sequence \\" + e + " in a " + quote + "-quoted string");
        }
        value.append(e);
      }
      case 'x' -> value.appendCodePoint(hex(at, 2));
      case 'u' -> value.appendCodePoint(hex(at, 4));
      case 'U' -> value.appendCodePoint(hex(at, 8));
      default -> {
        if (e >= '0' && e <= '7') {
          pos--;
          if (pos + 3 > input.length()) {
            throw error(at, "octal escape needs three digits");
          }
          String digits = input.substring(pos, pos + 3);
          if (!digits.matches("[0-7]{3}")) {
            throw error(at, "octal escape needs three digits");
          }
          int code = Integer.parseInt(digits, 8);
          if (code > 255) {
            throw error(at, "octal escape value > 255");
          }
          value.append((char) code);
          pos += 3;
        } else {
          throw error(at, "unknown escape sequence \\" + e);
        }
      }
    }
  }

  private int hex(int at, int digits) {
    if (pos + digits > input.length()) {
      throw error(at, "escape sequence needs " + digits + " hexadecimal digits");
    }
    String text = input.substring(pos, pos + digits);
    if (!text.matches("[0-9a-fA-F]+")) {
      throw error(at, "escape sequence needs " + digits + " hexadecimal digits");
    }
    int code = (int) Long.parseLong(text, 16);
    if (!Character.isValidCodePoint(code) || (code >= 0xD800 && code <= 0xDFFF)) {
      throw error(at, "escape sequence is not a valid Unicode code point");
    }
    pos += digits;
    return code;
  }

  private void operator(int start, char c) {
    char next = pos + 1 < input.length() ? input.charAt(pos + 1) : '\0';
    TokenKind kind;
    int length = 1;
    switch (c) {
      case '(' -> kind = TokenKind.LEFT_PAREN;
      case ')' -> kind = TokenKind.RIGHT_PAREN;
      case '{' -> kind = TokenKind.LEFT_BRACE;
      case '}' -> kind = TokenKind.RIGHT_BRACE;
      case '[' -> {
        kind = TokenKind.LEFT_BRACKET;
        bracketDepth++;
      }
      case ']' -> {
        kind = TokenKind.RIGHT_BRACKET;
        bracketDepth = Math.max(0, bracketDepth - 1);
      }
      case ',' -> kind = TokenKind.COMMA;
      case '@' -> kind = TokenKind.AT;
      case '+' -> kind = TokenKind.ADD;
      case '-' -> kind = TokenKind.SUB;
      case '*' -> kind = TokenKind.MUL;
      case '/' -> kind = TokenKind.DIV;
      case '%' -> kind = TokenKind.MOD;
      case '^' -> kind = TokenKind.POW;
      case '=' -> {
        if (next == '=') {
          kind = TokenKind.EQLC;
          length = 2;
        } else if (next == '~') {
          kind = TokenKind.EQL_REGEX;
          length = 2;
        } else {
          kind = TokenKind.EQL;
        }
      }
      case '!' -> {
        if (next == '=') {
          kind = TokenKind.NEQ;
        } else if (next == '~') {
          kind = TokenKind.NEQ_REGEX;
        } else {
          throw error(start, "unexpected character '!' (did you mean != or !~?)");
        }
        length = 2;
      }
      case '<' -> {
        kind = next == '=' ? TokenKind.LTE : TokenKind.LSS;
        length = next == '=' ? 2 : 1;
      }
      case '>' -> {
        kind = next == '=' ? TokenKind.GTE : TokenKind.GTR;
        length = next == '=' ? 2 : 1;
      }
      default -> throw error(start, "unexpected character '" + c + "'");
    }
    pos += length;
    tokens.add(new Token(kind, input.substring(start, pos), start));
  }

  private PromqlSyntaxException error(int at, String reason) {
    return new PromqlSyntaxException(input, at, reason);
  }
}
