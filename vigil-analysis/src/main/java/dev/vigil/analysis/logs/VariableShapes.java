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
 * <p>Each shape token also carries its <em>text</em>: the same words with the variables replaced the way people
 * write templates ({@code blk_<*>}, {@code <*>:<*>}, {@code uid=<*>,}, {@code attempt_<*>}), for the template a
 * person reads; see {@link #text} and {@link #generalise}. Lines are grouped by shape; the text only decides what
 * the template shows.
 *
 * <p>Written as one pass over the characters rather than as regular expressions, because it runs on every line
 * and the expressions cost three quarters of the miner's time. Stateless and thread-safe.
 */
final class VariableShapes {
  /** Bumped whenever the rules above change, since it changes templates; part of the settings' fingerprint. */
  static final String VERSION = "shapes2";

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
   * The readable text of token [from, to): numbers become {@code <*>}, letters and punctuation stay, so that
   * {@code uid=0,} shows as {@code uid=<*>,}. In detail:
   * <ul>
   *   <li>a URL holding a number shows its scheme and one variable ({@code hdfs://<*>}), and so does a path
   *       of two or more separators holding a number ({@code (/var/lib/a4f0):} shows as {@code (<*>):}), the
   *       brackets and punctuation around it kept;
   *   <li>a word (letters, digits, {@code _ . + -}) of numbers alone shows each number as a variable
   *       ({@code <*>.<*>} for a decimal, {@code <*>-<*>-<*>} for a date), an IPv4 address as one;
   *   <li>in any other word the first number makes the rest of the word one variable, and the word keeps only
   *       what precedes it up to its last {@code _ . + -}: an id shows its kind ({@code attempt_<*>},
   *       {@code blk_<*>}, {@code msra-sa-<*>}), while a word whose number is glued to letters
   *       ({@code b9000564-fe1a}, {@code a489c868}, a hash or UUID) is all variable; separators ending the word
   *       ({@code 8030.} closing a sentence) stay outside the variable;
   *   <li>digits glued to letters stay when there are at most two of them and nothing alphanumeric follows,
   *       since those are names ({@code jk2_init}, {@code ssh2}, {@code eth1}), not values.
   * </ul>
   */
  private static String text(String s, int from, int to, StringBuilder b) {
    b.setLength(0);
    if (wholeVariable(s, from, to, b)) {
      return b.toString();
    }
    int i = from;
    // Where in b the current word began and where its part after the last separator begins.
    int wordStart = -1;
    int afterSeparator = -1;
    boolean numericWord = false;
    while (i < to) {
      char c = s.charAt(i);
      if (isMasked(s, i, to)) {
        appendVar(b);
        i += 3;
        continue;
      }
      if (!isWordChar(c)) {
        wordStart = -1;
        numericWord = false;
        b.append(c);
        i++;
        continue;
      }
      if (wordStart < 0) {
        wordStart = b.length();
        afterSeparator = wordStart;
      }
      boolean signed = c == '-' && i + 1 < to && isDigit(s.charAt(i + 1)) && (i == from || !isAlnum(s.charAt(i - 1)));
      if (isDigit(c) || signed) {
        int end = signed ? i + 1 : i;
        while (end < to && isDigit(s.charAt(end))) {
          end++;
        }
        boolean name = i > from && isLetter(s.charAt(i - 1)) && end - i <= 2 && (end >= to || !isAlnum(s.charAt(end)));
        if (name) {
          b.append(s, i, end);
          i = end;
          continue;
        }
        int wordEnd = i;
        while (wordEnd < to && (isWordChar(s.charAt(wordEnd)) || isMasked(s, wordEnd, to))) {
          wordEnd += isMasked(s, wordEnd, to) ? 3 : 1;
        }
        numericWord |= b.length() == wordStart && numeric(s, i, wordEnd);
        if (numericWord) {
          // A word of numbers alone: each number is a variable, an IPv4 address one.
          int ipEnd = ipv4End(s, i, wordEnd);
          appendVar(b);
          i = ipEnd > 0 ? ipEnd : end;
          continue;
        }
        // Separators that end the word ("8030." closing a sentence) are not part of the variable.
        int varEnd = wordEnd;
        while (varEnd > i && isSeparator(s.charAt(varEnd - 1))) {
          varEnd--;
        }
        b.setLength(afterSeparator);
        appendVar(b);
        b.append(s, varEnd, wordEnd);
        i = wordEnd;
        wordStart = -1;
        numericWord = false;
        continue;
      }
      b.append(c);
      if (isSeparator(c)) {
        afterSeparator = b.length();
      }
      i++;
    }
    return b.toString();
  }

  private static boolean isSeparator(char c) {
    return c == '_' || c == '.' || c == '+' || c == '-';
  }

  /** True when [from, to) holds only digits and separators. */
  private static boolean numeric(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c) && !isSeparator(c)) {
        return false;
      }
    }
    return true;
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

  /**
   * Writes the text of a URL or path token holding a number (its scheme or leading brackets, one variable,
   * its trailing punctuation) into b; false, leaving b empty, when the token is neither.
   */
  private static boolean wholeVariable(String s, int from, int to, StringBuilder b) {
    int lead = from;
    while (lead < to && isOpening(s.charAt(lead))) {
      lead++;
    }
    int trail = to;
    while (trail > lead && isClosing(s.charAt(trail - 1))) {
      trail--;
    }
    if (trail <= lead || !holdsDigit(s, lead, trail)) {
      return false;
    }
    int scheme = indexOf(s, lead, trail, "://");
    if (scheme >= 0) {
      b.append(s, from, scheme + 3);
    } else if ((s.charAt(lead) == '/' || s.charAt(lead) == '\\') && separators(s, lead, trail) >= 2) {
      b.append(s, from, lead);
    } else {
      return false;
    }
    appendVar(b);
    b.append(s, trail, to);
    return true;
  }

  private static boolean isOpening(char c) {
    return c == '(' || c == '[' || c == '{' || c == '\'' || c == '"' || c == '<';
  }

  private static boolean isClosing(char c) {
    return c == ')' || c == ']' || c == '}' || c == '\'' || c == '"' || c == '>' || c == ',' || c == ';'
        || c == ':' || c == '.';
  }

  private static boolean holdsDigit(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int separators(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '\\') {
        n++;
      }
    }
    return n;
  }

  /**
   * The text two differing texts of one template position share: their common beginning and end, each cut at
   * punctuation so no word is split, around one {@code <*>} ({@code [Thunderbird_A8]} and
   * {@code [Thunderbird_B2]} give {@code [Thunderbird_<*>]}, {@code 10.0.0.1,} and {@code ntp1,} give
   * {@code <*>,}). Only text both share is kept, so the result still describes every line seen there.
   */
  static String generalise(String a, String b) {
    int max = Math.min(a.length(), b.length());
    int common = 0;
    while (common < max && a.charAt(common) == b.charAt(common)) {
      common++;
    }
    int prefix = common;
    while (prefix > 0 && (isAlnum(a.charAt(prefix - 1)) || splitsVariable(a, prefix) || splitsVariable(b, prefix))) {
      prefix--;
    }
    int commonEnd = 0;
    while (commonEnd < max - prefix
        && a.charAt(a.length() - 1 - commonEnd) == b.charAt(b.length() - 1 - commonEnd)) {
      commonEnd++;
    }
    int suffix = commonEnd;
    while (suffix > 0 && (isAlnum(a.charAt(a.length() - suffix)) || splitsVariable(a, a.length() - suffix)
        || splitsVariable(b, b.length() - suffix))) {
      suffix--;
    }
    StringBuilder out = new StringBuilder(prefix + 3 + suffix).append(a, 0, prefix);
    appendVar(out);
    String end = a.substring(a.length() - suffix);
    if (end.startsWith(VAR) && out.length() >= 3 && out.lastIndexOf(VAR) == out.length() - 3) {
      end = end.substring(3);
    }
    return out.append(end).toString();
  }

  /** True when a cut before position {@code at} falls inside a {@code <*>} of s. */
  private static boolean splitsVariable(String s, int at) {
    return (at >= 1 && s.startsWith(VAR, at - 1)) || (at >= 2 && s.startsWith(VAR, at - 2));
  }

  private static void appendVar(StringBuilder b) {
    // "<*><*>" says nothing "<*>" does not.
    if (b.length() < 3 || b.charAt(b.length() - 1) != '>' || b.charAt(b.length() - 2) != '*'
        || b.charAt(b.length() - 3) != '<') {
      b.append(VAR);
    }
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
