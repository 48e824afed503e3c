package dev.vigil.cli;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a metric window from a file: CSV ({@code timestamp,value}, optional header) or JSON (an array of
 * {@code [timestamp, value]} pairs as Prometheus returns them, an array of {@code {"timestamp":..,"value":..}}
 * objects, an array of bare numbers, or a whole Prometheus query_range response with one series).
 *
 * <p>Timestamps may be ISO-8601 instants or offsets, {@code yyyy-MM-dd HH:mm:ss} (read as UTC), or Unix time
 * in seconds (milliseconds when above 10^11). Values may be numbers or strings; {@code NaN} is kept so that
 * {@link Series#of} can skip and count it.
 */
final class SeriesFiles {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /**
   * Bare-number arrays get one-second spacing from this instant: the tests need only order, and the anomaly check
   * then runs without a season.
   */
  private static final Instant BARE_START = Instant.EPOCH;

  private SeriesFiles() {}

  /** A problem with a file's content, naming the file and the place. */
  static final class BadInput extends Exception {
    private static final long serialVersionUID = 1L;

    BadInput(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads the file.
   *
   * @throws IOException when it cannot be read
   * @throws BadInput when its content is malformed or its timestamps are unsorted or duplicated
   */
  static Series read(Path file) throws IOException, BadInput {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String trimmed = text.strip();
    List<Sample> raw = trimmed.startsWith("[") || trimmed.startsWith("{") ? json(file, trimmed) : csv(file, text);
    try {
      return Series.of(raw);
    } catch (IllegalArgumentException e) {
      throw new BadInput(file + ": " + e.getMessage(), e);
    }
  }

  private static List<Sample> csv(Path file, String text) throws BadInput {
    List<Sample> out = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("[,;\\t]");
      if (f.length < 2) {
        throw new BadInput(file + " line " + (i + 1) + ": expected 'timestamp,value', got '" + line + "'", null);
      }
      String ts = unquote(f[0]);
      String v = unquote(f[1]);
      if (out.isEmpty() && i == firstContentLine(lines) && !looksNumeric(v)) {
        continue; // header
      }
      out.add(new Sample(time(file, "line " + (i + 1), ts), value(file, "line " + (i + 1), v)));
    }
    return out;
  }

  private static int firstContentLine(String[] lines) {
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        return i;
      }
    }
    return -1;
  }

  private static List<Sample> json(Path file, String text) throws BadInput {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new BadInput(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root.isObject() && root.path("data").path("result").isArray()) {
      JsonNode result = root.path("data").path("result");
      if (result.size() != 1) {
        throw new BadInput(file + ": the query returned " + result.size() + " series; the judge needs exactly one",
            null);
      }
      root = result.get(0).path("values");
    }
    if (!root.isArray()) {
      throw new BadInput(file + ": expected a JSON array of [timestamp, value] pairs, objects or numbers", null);
    }
    List<Sample> out = new ArrayList<>();
    int i = 0;
    for (JsonNode e : root) {
      String where = "element " + i;
      if (e.isArray() && e.size() >= 2) {
        out.add(new Sample(time(file, where, e.get(0).asString()), value(file, where, e.get(1).asString())));
      } else if (e.isObject() && e.has("value")) {
        JsonNode ts = e.has("timestamp") ? e.get("timestamp") : e.get("time");
        if (ts == null) {
          throw new BadInput(file + " " + where + ": object without 'timestamp'", null);
        }
        out.add(new Sample(time(file, where, ts.asString()), value(file, where, e.get("value").asString())));
      } else if (e.isNumber() || e.isString()) {
        out.add(new Sample(BARE_START.plusSeconds(i), value(file, where, e.asString())));
      } else {
        throw new BadInput(file + " " + where + ": expected [timestamp, value], {timestamp, value} or a number, got "
            + e, null);
      }
      i++;
    }
    return out;
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }

  private static boolean looksNumeric(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.equals("nan") || t.equals("+inf") || t.equals("-inf") || t.equals("inf")) {
      return true;
    }
    try {
      Double.parseDouble(t);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static double value(Path file, String where, String text) throws BadInput {
    String t = text.strip();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "nan" -> {
        return Double.NaN;
      }
      case "+inf", "inf" -> throw new BadInput(file + " " + where + ": value is +Inf; the judge needs finite values",
          null);
      case "-inf" -> throw new BadInput(file + " " + where + ": value is -Inf; the judge needs finite values", null);
      default -> { }
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new BadInput(file + " " + where + ": value '" + t + "' is not a number", e);
    }
  }

  static Instant time(Path file, String where, String text) throws BadInput {
    String t = text.strip();
    try {
      if (t.matches("-?\\d+(\\.\\d+)?")) {
        double v = Double.parseDouble(t);
        double millis = Math.abs(v) > 1e11 ? v : v * 1000.0;
        return Instant.ofEpochMilli(Math.round(millis));
      }
      if (t.endsWith("Z") || t.endsWith("z")) {
        return Instant.parse(t.replace(' ', 'T').toUpperCase(Locale.ROOT));
      }
      if (t.matches(".*[+-]\\d{2}:?\\d{2}$") && t.length() > 19) {
        return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
      }
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new BadInput(file + " " + where + ": timestamp '" + t
          + "' is not ISO-8601, 'yyyy-MM-dd HH:mm:ss' or Unix seconds/milliseconds", e);
    }
  }
}
