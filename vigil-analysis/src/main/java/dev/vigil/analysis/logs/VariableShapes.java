package dev.vigil.analysis.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in generalisation every line gets after the format's masks: it splits the line into tokens and
 * turns what is shaped like a variable into {@code <*>}. It rests on one observation about log messages: a word
 * holding a digit is almost always a variable (ids, counters, addresses, durations, {@code blk_-42},
 * {@code core.10019}), and so is anything glued to one. Per whitespace-separated token:
 * <ol>
 *   <li>a token holding {@code ://} is a URL, a variable;
 *   <li>a <em>word</em> (a run of letters, digits, {@code _ . + -} and already masked {@code <*>}) that holds a
 *       digit or a {@code <*>} becomes {@code <*>};
 *   <li>variables separated by at most two punctuation characters ({@code <*>:<*>}, {@code <*>##<*>}) are one;
 *   <li>a token with a path separator and a variable inside is all variable (file paths, URLs with ids): what
 *       stays constant in such a path is rarely what tells events apart;
 *   <li>a variable wrapped only in punctuation ({@code #<*>#,}, {@code (<*>)}, {@code <*>,}) is a variable;
 * </ol>
 * and finally consecutive variable tokens are one, so lists of variable length (block ids, a size and its unit)
 * do not change the token count, which routes a line in the parse tree.
 *
 * <p>Each shape token also carries its <em>text</em>: the same words with only the numbers replaced
 * ({@code blk_<*>}, {@code <*>:<*>}, {@code uid=<*>,}), for the template a person reads. Lines are grouped by
 * shape; the text only decides what the template shows.
 *
 * <p>Written as one pass over the characters rather than as regular expressions, because it runs on every line
 * and the expressions cost three quarters of the miner's time. Stateless and thread-safe.
 */
final class VariableShapes {
  /** Bumped whenever the rules above change, since it changes templates; part of the settings' fingerprint. */
  static final String VERSION = "shapes1";

  private static final String VAR = LogTemplateMiner.WILDCARD;
  private static final String[] NONE = new String[0];

  private VariableShapes() {}

  /**
   * A line as the miner sees it.
   *
   * @param shape the generalised tokens, which route and group the line
   * @param text per shape token, the readable text it stands for (numbers masked, other characters kept)
   */
  record Shaped(String[] shape, String[] text) {}

  /** The generalised tokens of a (masked) line. */
  static String[] tokens(String line) {
    return shaped(line).shape();
  }

  /** The generalised tokens of a (masked) line with their readable text. */
  static Shaped shaped(String line) {
    List<String> out = new ArrayList<>(16);
    List<String> text = new ArrayList<>(16);
    int n = line.length();
    int i = 0;
    StringBuilder b = new StringBuilder(64);
    while (i < n) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      String t = token(line, start, i, b);
      String shown = text(line, start, i, b);
      if (t == VAR && !out.isEmpty() && out.get(out.size() - 1) == VAR) {
        text.set(text.size() - 1, text.get(text.size() - 1) + " " + shown);
        continue;
      }
      out.add(t);
      text.add(shown);
    }
    return out.isEmpty() ? new Shaped(NONE, NONE) : new Shaped(out.toArray(NONE), text.toArray(NONE));
  }

  /**
   * The readable text of token [from, to): an IPv4 address, a {@code 0x} hex number and every run of digits
   * (with a sign that follows punctuation) become {@code <*>}; letters and punctuation stay. Digits glued to
   * letters stay when there are at most two of them, since those are names ({@code jk2_init}, {@code ssh2},
   * {@code wl0}), not values.
   */
  private static String text(String s, int from, int to, StringBuilder b) {
    b.setLength(0);
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (isMasked(s, i, to)) {
        appendVar(b);
        i += 3;
      } else if (c == '0' && i + 2 < to && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && isHex(s.charAt(i + 2))
          && (i == from || !isAlnum(s.charAt(i - 1)))) {
        i += 2;
        while (i < to && isHex(s.charAt(i))) {
          i++;
        }
        appendVar(b);
      } else if (isDigit(c) || (c == '-' && i + 1 < to && isDigit(s.charAt(i + 1))
          && (i == from || !isAlnum(s.charAt(i - 1))))) {
        int start = i;
        int end = c == '-' ? i + 1 : i;
        while (end < to && isDigit(s.charAt(end))) {
          end++;
        }
        int ipEnd = ipv4End(s, start, to);
        boolean name = start > from && isLetter(s.charAt(start - 1)) && end - start <= 2
            && (end >= to || !isAlnum(s.charAt(end)));
        if (ipEnd > 0) {
          appendVar(b);
          i = ipEnd;
        } else if (name) {
          b.append(s, start, end);
          i = end;
        } else {
          appendVar(b);
          i = end;
        }
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  /** End of an IPv4 address starting at {@code i} (four dot-separated groups of 1-3 digits), or -1. */
  private static int ipv4End(String s, int i, int to) {
    int groups = 0;
    int j = i;
    while (j < to) {
      int start = j;
      while (j < to && isDigit(s.charAt(j)) && j - start < 3) {
        j++;
      }
      if (j == start) {
        return -1;
      }
      groups++;
      if (groups == 4) {
        return j < to && isDigit(s.charAt(j)) ? -1 : j;
      }
      if (j >= to || s.charAt(j) != '.') {
        return -1;
      }
      j++;
    }
    return -1;
  }

  private static void appendVar(StringBuilder b) {
    // "<*><*>" says nothing "<*>" does not.
    if (b.length() < 3 || b.charAt(b.length() - 1) != '>' || b.charAt(b.length() - 2) != '*'
        || b.charAt(b.length() - 3) != '<') {
      b.append(VAR);
    }
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlnum(char c) {
    return isLetter(c) || isDigit(c);
  }

  /** One token [from, to) of the line, generalised; returns the shared {@link #VAR} instance for a variable. */
  private static String token(String s, int from, int to, StringBuilder b) {
    if (indexOf(s, from, to, "://") >= 0) {
      return VAR;
    }
    b.setLength(0);
    boolean hasPathSeparator = false;
    int vars = 0;
    boolean constantWord = false;
    // End (in b) of the last variable written and the punctuation count since, to glue "<*>:<*>" into one.
    int lastVarEnd = -1;
    int punctSinceVar = 0;
    int i = from;
    while (i < to) {
      if (isWordStart(s, i, to)) {
        int wordStart = i;
        boolean variable = false;
        while (i < to) {
          if (isMasked(s, i, to)) {
            variable = true;
            i += 3;
          } else if (isWordChar(s.charAt(i))) {
            variable |= isDigit(s.charAt(i));
            i++;
          } else {
            break;
          }
        }
        if (variable) {
          if (lastVarEnd >= 0 && punctSinceVar <= 2 && b.length() == lastVarEnd + punctSinceVar) {
            b.setLength(lastVarEnd); // glue to the previous variable: drop the punctuation between them
          } else {
            b.append(VAR);
            vars++;
          }
          lastVarEnd = b.length();
          punctSinceVar = 0;
        } else {
          b.append(s, wordStart, i);
          constantWord = true;
          lastVarEnd = -1;
        }
      } else {
        char c = s.charAt(i);
        hasPathSeparator |= c == '/' || c == '\\';
        b.append(c);
        punctSinceVar = c == '<' ? 3 : punctSinceVar + 1;
        i++;
      }
    }
    if (vars == 0) {
      return b.toString();
    }
    if (hasPathSeparator || (vars == 1 && !constantWord)) {
      return VAR;
    }
    return b.toString();
  }

  private static boolean isWordStart(String s, int i, int to) {
    return isMasked(s, i, to) || isWordChar(s.charAt(i));
  }

  private static boolean isMasked(String s, int i, int to) {
    return i + 2 < to && s.charAt(i) == '<' && s.charAt(i + 1) == '*' && s.charAt(i + 2) == '>';
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '.' || c == '+'
        || c == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int indexOf(String s, int from, int to, String what) {
    int i = s.indexOf(what, from);
    return i >= 0 && i + what.length() <= to ? i : -1;
  }
}
