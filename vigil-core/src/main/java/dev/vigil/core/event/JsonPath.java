package dev.vigil.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path to one value in a JSON document already parsed into maps, lists and scalars: {@code $}
 * then any number of {@code .name}, {@code ['any name']} (or double quotes) and {@code [index]}
 * steps, e.g. {@code $.app.status.operationState.phase}, {@code $.alerts[0].labels['alert-name']},
 * {@code $.commits[-1].id} (a negative index counts from the end). No wildcards, filters or
 * expressions: a path names exactly one place, so what a hook extracts is predictable.
 *
 * @param text the path as written
 * @param steps the names ({@link String}) and indexes ({@link Integer}) in order
 */
public record JsonPath(String text, List<Object> steps) {
  public JsonPath {
    if (text == null || steps == null) {
      throw new IllegalArgumentException("a path needs its text and steps");
    }
    steps = List.copyOf(steps);
  }

  /**
   * Reads a path.
   *
   * @throws IllegalArgumentException naming the position and what was expected there
   */
  public static JsonPath parse(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("path '" + text + "' must start with $ (e.g. $.app.metadata.name)");
    }
    List<Object> steps = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < text.length() && isNameChar(text.charAt(i))) i++;
        if (i == start) {
          throw problem(text, start, "a name (letters, digits, _ or -) after '.'; use ['...'] for other names");
        }
        steps.add(text.substring(start, i));
      } else if (c == '[') {
        i++;
        if (i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
          char quote = text.charAt(i);
          int end = text.indexOf(quote, i + 1);
          if (end < 0) throw problem(text, i, "a closing " + quote);
          steps.add(text.substring(i + 1, end));
          i = end + 1;
        } else {
          int start = i;
          if (i < text.length() && text.charAt(i) == '-') i++;
          while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
          if (i == start || (i == start + 1 && text.charAt(start) == '-')) {
            throw problem(text, start, "an index such as [0] or [-1], or a quoted name such as ['a.b']");
          }
          try {
            steps.add(Integer.parseInt(text.substring(start, i)));
          } catch (NumberFormatException e) {
            throw problem(text, start, "an index that fits in an int");
          }
        }
        if (i >= text.length() || text.charAt(i) != ']') throw problem(text, i, "']'");
        i++;
      } else {
        throw problem(text, i, "'.' or '[' (wildcards, filters and expressions are not supported)");
      }
    }
    return new JsonPath(text, steps);
  }

  /**
   * The value at this path, or empty when a step finds nothing (a missing key, an index out of
   * range, a name on a list or an index on an object) or the value there is JSON null.
   */
  public Optional<Object> find(Object root) {
    Object at = root;
    for (Object step : steps) {
      if (step instanceof String name && at instanceof Map<?, ?> map) {
        at = map.get(name);
      } else if (step instanceof Integer index && at instanceof List<?> list) {
        int i = index < 0 ? list.size() + index : index;
        at = i >= 0 && i < list.size() ? list.get(i) : null;
      } else {
        return Optional.empty();
      }
      if (at == null) return Optional.empty();
    }
    return Optional.ofNullable(at);
  }

  /**
   * The value at this path as text: strings as they are, numbers and booleans as JSON writes them;
   * empty when absent or when it is an object or a list (which have no single text).
   */
  public Optional<String> findText(Object root) {
    return find(root).filter(v -> !(v instanceof Map) && !(v instanceof List)).map(JsonPath::scalarText);
  }

  private static String scalarText(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(value);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private static IllegalArgumentException problem(String text, int at, String expected) {
    return new IllegalArgumentException("path '" + text + "' at character " + (at + 1) + ": expected " + expected);
  }

  @Override
  public String toString() {
    return text;
  }
}
