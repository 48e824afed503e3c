package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Direction;
import dev.vigil.analysis.judge.Tolerance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads signal templates written once per environment:
 *
 * <pre>
 * signals:
 *   - name: latency_p99
 *     query: histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service="$service"}[$window])))
 *     direction: higher-is-worse
 *     tolerance: 20%,3sd      # optional, the judge's syntax (default 10%,3sd)
 *     unit: s                 # optional: s, ratio, /s or any word
 * </pre>
 *
 * <p>A reader for this one fixed shape rather than a YAML library: the task module stays free of
 * parsing dependencies (the architecture test keeps Jackson out of it), and the shape is small enough
 * that every error can name the line, the entry and the field. Values are plain, single-quoted or
 * double-quoted scalars, or a folded block ({@code >} / {@code |}) for long queries.
 */
public final class SignalTemplates {
  private static final Set<String> FIELDS = Set.of("name", "query", "direction", "tolerance", "unit");

  private SignalTemplates() {
  }

  /**
   * @throws IllegalArgumentException naming the line, the signal and the field that is wrong
   */
  public static List<SignalTemplate> parse(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw new IllegalArgumentException("signal templates are empty (expected a 'signals:' list)");
    }
    String[] lines = yaml.replace("\r\n", "\n").split("\n", -1);
    List<Map<String, String>> entries = new ArrayList<>();
    List<Integer> entryLines = new ArrayList<>();
    boolean inList = false;
    int itemIndent = -1;
    Map<String, String> current = null;
    for (int i = 0; i < lines.length; i++) {
      String raw = stripComment(lines[i]);
      if (raw.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      int indent = raw.length() - raw.stripLeading().length();
      String text = raw.strip();
      if (!inList) {
        if (indent != 0 || !text.equals("signals:")) {
          throw new IllegalArgumentException("line " + lineNo + ": expected 'signals:' at the top, found '" + text + "'");
        }
        inList = true;
        continue;
      }
      if (indent == 0) {
        throw new IllegalArgumentException("line " + lineNo + ": unknown top-level key '" + text
            + "' (expected only: signals)");
      }
      if (text.startsWith("- ") || text.equals("-")) {
        if (itemIndent >= 0 && indent != itemIndent) {
          throw new IllegalArgumentException("line " + lineNo + ": list items must line up (indent " + itemIndent + ")");
        }
        itemIndent = indent;
        current = new LinkedHashMap<>();
        entries.add(current);
        entryLines.add(lineNo);
        text = text.substring(1).strip();
        indent = indent + 2;
        if (text.isEmpty()) {
          continue;
        }
      } else if (current == null) {
        throw new IllegalArgumentException("line " + lineNo + ": expected a list item '- name: ...' under signals");
      }
      int colon = text.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("line " + lineNo + " (" + describe(current, entries.size())
            + "): expected 'field: value', found '" + text + "'");
      }
      String key = text.substring(0, colon).strip();
      if (!FIELDS.contains(key)) {
        throw new IllegalArgumentException("line " + lineNo + " (" + describe(current, entries.size())
            + "): unknown field '" + key + "' (expected: name, query, direction, tolerance, unit)");
      }
      if (current.containsKey(key)) {
        throw new IllegalArgumentException("line " + lineNo + " (" + describe(current, entries.size())
            + "): field '" + key + "' given twice");
      }
      String value = text.substring(colon + 1).strip();
      if (value.equals(">") || value.equals(">-") || value.equals("|") || value.equals("|-")) {
        StringBuilder block = new StringBuilder();
        while (i + 1 < lines.length && (lines[i + 1].isBlank()
            || lines[i + 1].length() - lines[i + 1].stripLeading().length() > indent)) {
          i++;
          if (!lines[i].isBlank()) {
            block.append(block.isEmpty() ? "" : " ").append(lines[i].strip());
          }
        }
        value = block.toString();
      } else {
        value = unquote(value, lineNo, key);
      }
      current.put(key, value);
    }
    if (!inList) {
      throw new IllegalArgumentException("signal templates have no 'signals:' list");
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("the 'signals:' list is empty");
    }
    List<SignalTemplate> out = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    for (int n = 0; n < entries.size(); n++) {
      SignalTemplate t = template(entries.get(n), n + 1, entryLines.get(n));
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("signal '" + t.name() + "' (line " + entryLines.get(n)
            + ") is named twice");
      }
      out.add(t);
    }
    return List.copyOf(out);
  }

  private static SignalTemplate template(Map<String, String> e, int index, int line) {
    String where = describe(e, index) + " (line " + line + ")";
    String name = require(e, "name", where);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(where + ": name '" + name + "' is not a plain name (letters, digits, _ . -)");
    }
    String query = require(e, "query", where);
    if (!query.contains("$service")) {
      throw new IllegalArgumentException(where + ": query must contain $service (the deployed service)");
    }
    String directionText = require(e, "direction", where);
    Direction direction;
    Tolerance tolerance;
    try {
      direction = Direction.parse(directionText);
      tolerance = e.containsKey("tolerance") ? Tolerance.parse(e.get("tolerance")) : Tolerance.DEFAULT;
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
    }
    return new SignalTemplate(name, query, direction, tolerance, e.getOrDefault("unit", "").strip());
  }

  private static String require(Map<String, String> e, String field, String where) {
    String v = e.get(field);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' is missing");
    }
    return v;
  }

  private static String describe(Map<String, String> entry, int index) {
    String name = entry.get("name");
    return "signal " + (name == null ? "#" + index : "'" + name + "'");
  }

  private static String unquote(String value, int line, String key) {
    if (value.startsWith("\"") || value.startsWith("'")) {
      char q = value.charAt(0);
      if (value.length() < 2 || value.charAt(value.length() - 1) != q) {
        throw new IllegalArgumentException("line " + line + ": the value of '" + key + "' opens a quote " + q
            + " it does not close");
      }
      String inner = value.substring(1, value.length() - 1);
      return q == '\'' ? inner.replace("''", "'") : inner.replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return value;
  }

  /** A {@code #} starts a comment at the line's start or after a space, outside quotes (PromQL has no {@code #}). */
  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
