package dev.vigil.graph;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A CODEOWNERS path pattern, with the gitignore rules GitHub applies: a leading {@code /} or a
 * {@code /} inside anchors the pattern at the repository root, otherwise it matches at any depth;
 * a trailing {@code /} matches only a directory's contents; a pattern matching a directory matches
 * everything under it; {@code *} and {@code ?} stay within one path segment and {@code **} crosses
 * segments. Negation ({@code !}) and character ranges ({@code [ ]}) are rejected, as GitHub does.
 */
public final class PathPattern {
  private final String text;
  private final Pattern regex;

  private PathPattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  public static PathPattern compile(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("path pattern must not be empty");
    }
    String p = text.strip();
    if (p.startsWith("!")) {
      throw new IllegalArgumentException("path pattern '" + text + "': negation with ! is not supported in CODEOWNERS");
    }
    if (p.contains("[") || p.contains("]")) {
      throw new IllegalArgumentException("path pattern '" + text + "': character ranges [ ] are not supported in CODEOWNERS");
    }
    boolean directoryOnly = p.endsWith("/") && p.length() > 1;
    String body = directoryOnly ? p.substring(0, p.length() - 1) : p;
    boolean anchored = body.startsWith("/") || body.contains("/");
    if (body.startsWith("/")) {
      body = body.substring(1);
    }
    StringBuilder re = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
    if (body.isEmpty()) {
      re.append(".*");
    }
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (body.startsWith("**/", i)) {
        re.append("(?:.*/)?");
        i += 3;
      } else if (body.startsWith("**", i)) {
        re.append(".*");
        i += 2;
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '\\' && i + 1 < body.length()) {
        re.append(Pattern.quote(String.valueOf(body.charAt(i + 1))));
        i += 2;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    re.append(directoryOnly ? "/.*$" : "(?:/.*)?$");
    try {
      return new PathPattern(text.strip(), Pattern.compile(re.toString()));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("path pattern '" + text + "' cannot be read: " + e.getDescription(), e);
    }
  }

  /** Whether a repository-relative path (no leading slash) matches. */
  public boolean matches(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return regex.matcher(p).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
