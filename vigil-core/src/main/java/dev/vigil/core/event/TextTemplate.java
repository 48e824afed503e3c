package dev.vigil.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a hook makes one text (a type, an id, a label) from a JSON body: either a bare path
 * ({@code $.app.metadata.name}), or literal text with paths in braces
 * ({@code argocd.sync.{$.phase}}, {@code Argo CD {$.app.metadata.name} {$.phase}}). A brace not
 * followed by {@code $} is literal text. If any path finds nothing, the whole text is absent, so
 * a half-filled type such as {@code argocd.sync.} never reaches a trigger.
 *
 * @param text the template as written
 * @param parts literal {@link String}s and {@link JsonPath}s in order
 */
public record TextTemplate(String text, List<Object> parts) {
  public TextTemplate {
    if (text == null || parts == null) {
      throw new IllegalArgumentException("a template needs its text and parts");
    }
    parts = List.copyOf(parts);
  }

  /**
   * Reads a template.
   *
   * @throws IllegalArgumentException naming the path that is malformed or the brace left open
   */
  public static TextTemplate parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("expected a path such as $.app.metadata.name or text with {$.path} in it");
    }
    if (text.startsWith("$")) {
      return new TextTemplate(text, List.of(JsonPath.parse(text)));
    }
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '{' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        int end = closingBrace(text, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("'{' at character " + (i + 1) + " is not closed (write {$.path})");
        }
        if (!literal.isEmpty()) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(JsonPath.parse(text.substring(i + 1, end)));
        i = end + 1;
      } else {
        literal.append(text.charAt(i++));
      }
    }
    if (!literal.isEmpty()) parts.add(literal.toString());
    return new TextTemplate(text, parts);
  }

  // The first '}' outside quotes, so that {$['a}b']} works.
  private static int closingBrace(String text, int from) {
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '}') {
        return i;
      }
    }
    return -1;
  }

  /** The text for this body, or empty when a path in it finds nothing (or an object or list). */
  public Optional<String> render(Object body) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof JsonPath path) {
        Optional<String> value = path.findText(body);
        if (value.isEmpty()) return Optional.empty();
        out.append(value.get());
      } else {
        out.append(part);
      }
    }
    return Optional.of(out.toString());
  }

  @Override
  public String toString() {
    return text;
  }
}
