package dev.vigil.bench.deploys;

import dev.vigil.tasks.deploywatch.SignalTemplate;
import dev.vigil.tasks.deploywatch.SignalTemplates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scenario directory: {@code metrics/*.om[.gz]} (OpenMetrics with timestamps), {@code signals.yaml}
 * (signal templates), optional {@code catalog/}, and {@code scenarios.jsonl}, one labelled deploy a line:
 * {@code {"id", "service", "deployedAt", "expected": "fail" | "pass"}}.
 *
 * @param metrics the OpenMetrics files, sorted by name
 */
public record DeployScenarios(Path dir, List<Path> metrics, List<SignalTemplate> signals, List<Case> cases) {
  /** One labelled deploy. */
  public record Case(String id, String service, Instant deployedAt, boolean expectFail) {
    public Case {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(deployedAt, "deployedAt");
    }
  }

  public DeployScenarios {
    metrics = List.copyOf(metrics);
    signals = List.copyOf(signals);
    cases = List.copyOf(cases);
  }

  /**
   * @throws IllegalArgumentException naming the file, line and field that is wrong
   * @throws IOException when a file cannot be read
   */
  public static DeployScenarios read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("scenario directory " + dir + " does not exist");
    }
    Path metricsDir = dir.resolve("metrics");
    List<Path> metrics;
    try (Stream<Path> files = Files.isDirectory(metricsDir) ? Files.list(metricsDir) : Stream.empty()) {
      metrics = files.filter(f -> f.getFileName().toString().matches(".*\\.om(\\.gz)?")).sorted().toList();
    }
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no metrics/*.om or metrics/*.om.gz (OpenMetrics with timestamps)");
    }
    Path signalsFile = dir.resolve("signals.yaml");
    if (!Files.isReadable(signalsFile)) {
      throw new IllegalArgumentException(dir + ": no signals.yaml (signal templates, see docs/deploy-watch.md)");
    }
    List<SignalTemplate> signals;
    try {
      signals = SignalTemplates.parse(Files.readString(signalsFile, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(signalsFile + ": " + e.getMessage(), e);
    }
    return new DeployScenarios(dir, metrics, signals, cases(dir.resolve("scenarios.jsonl")));
  }

  static List<Case> cases(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("no " + file + " (one labelled deploy a line)");
    }
    JsonMapper json = JsonMapper.builder().build();
    List<Case> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      JsonNode n;
      try {
        n = json.readTree(lines.get(i));
      } catch (JacksonException e) {
        throw new IllegalArgumentException(where + ": not JSON (" + e.getOriginalMessage() + ")", e);
      }
      String id = text(n, "id", where);
      String expected = text(n, "expected", where);
      if (!expected.equals("fail") && !expected.equals("pass")) {
        throw new IllegalArgumentException(where + ": expected is '" + expected + "' (expected: fail or pass)");
      }
      Instant at;
      try {
        at = Instant.parse(text(n, "deployedAt", where));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(where + ": deployedAt is not an RFC 3339 time", e);
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException(where + ": id '" + id + "' appears twice");
      }
      out.add(new Case(id, text(n, "service", where), at, expected.equals("fail")));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no deploy");
    }
    return out;
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isString() || v.asString().isBlank()) {
      throw new IllegalArgumentException(where + ": field '" + field + "' is missing or not a string");
    }
    return v.asString();
  }
}
