package dev.vigil.bench.loghub;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV records (quoted fields may hold commas, doubled quotes and newlines). */
final class Csv {
  private Csv() {}

  /** All records of the text, header included. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      switch (c) {
        case '"' -> quoted = true;
        case ',' -> {
          row.add(field.toString());
          field.setLength(0);
        }
        case '\r' -> { }
        case '\n' -> {
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
        }
        default -> field.append(c);
      }
      i++;
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
