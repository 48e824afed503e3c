package dev.vigil.bench.loghub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One labelled system of a Loghub-2k style directory: the message part of each line and its ground truth.
 *
 * @param name the system, e.g. {@code HDFS}
 * @param contents the message part of each line (the structured file's {@code Content} column)
 * @param truthGroups ground-truth group per line ({@code EventId}, or the template when there is no id)
 * @param truthTemplates ground-truth template per line ({@code EventTemplate})
 */
record LoghubSystem(String name, List<String> contents, List<String> truthGroups, List<String> truthTemplates) {
  LoghubSystem {
    contents = List.copyOf(contents);
    truthGroups = List.copyOf(truthGroups);
    truthTemplates = List.copyOf(truthTemplates);
  }

  /**
   * Reads {@code <dir>/<name>_2k.log_structured.csv}, or {@code ..._corrected.csv} when {@code corrected}.
   *
   * @throws IllegalArgumentException when the file or a needed column is missing
   */
  static LoghubSystem read(Path systemDir, boolean corrected) {
    String name = systemDir.getFileName().toString();
    Path file = systemDir.resolve(name + "_2k.log_structured" + (corrected ? "_corrected" : "") + ".csv");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(name + ": " + file + " does not exist");
    }
    List<List<String>> rows;
    try {
      rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<String> header = rows.get(0);
    int content = header.indexOf("Content");
    int template = header.indexOf("EventTemplate");
    int id = header.indexOf("EventId");
    if (content < 0 || template < 0) {
      throw new IllegalArgumentException(file + ": needs Content and EventTemplate columns, header is " + header);
    }
    List<String> contents = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<String> templates = new ArrayList<>();
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      if (r.size() < header.size()) {
        throw new IllegalArgumentException(file + " record " + i + ": " + r.size() + " fields, header has "
            + header.size());
      }
      contents.add(r.get(content));
      templates.add(r.get(template));
      groups.add(id >= 0 ? r.get(id) : r.get(template));
    }
    return new LoghubSystem(name, contents, groups, templates);
  }
}
