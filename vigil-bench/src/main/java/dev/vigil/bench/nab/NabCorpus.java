package dev.vigil.bench.nab;

import dev.vigil.analysis.evaluation.NabLabels;
import dev.vigil.analysis.evaluation.NabWindow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A corpus in NAB's layout, read in place: {@code data/<category>/<file>.csv} ({@code timestamp,value}),
 * {@code labels/combined_windows.json}, and optionally {@code results/<detector>/...} and {@code config/}.
 *
 * @param dir the corpus directory
 * @param files the labelled data files, sorted by name
 */
public record NabCorpus(Path dir, List<DataFile> files) {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public NabCorpus {
    files = List.copyOf(files);
  }

  /**
   * One data file: its timestamps (NAB's are naive; read as UTC), values and labels.
   *
   * @param name corpus-relative name, e.g. {@code realKnownCause/nyc_taxi.csv}
   */
  public record DataFile(String name, Instant[] times, double[] values, NabLabels labels) {}

  /** Loads the data and labels of the corpus at {@code dir}. */
  public static NabCorpus load(Path dir) {
    Path data = dir.resolve("data");
    Path labelsFile = dir.resolve("labels/combined_windows.json");
    if (!Files.isDirectory(data) || !Files.isRegularFile(labelsFile)) {
      throw new IllegalArgumentException(dir + " is not in NAB's layout (expected data/<category>/<file>.csv and "
          + "labels/combined_windows.json)");
    }
    JsonNode windows = JSON.readTree(labelsFile.toFile());
    List<DataFile> out = new ArrayList<>();
    for (String name : new TreeMap<>(toMap(windows)).keySet()) {
      Path csv = data.resolve(name);
      if (!Files.isRegularFile(csv)) {
        throw new IllegalArgumentException(labelsFile + " labels " + name + " but " + csv + " does not exist");
      }
      List<String[]> rows = readCsv(csv);
      Instant[] times = new Instant[rows.size()];
      double[] values = new double[rows.size()];
      Map<Instant, Integer> index = new HashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        times[i] = parseTime(rows.get(i)[0]);
        values[i] = Double.parseDouble(rows.get(i)[1]);
        index.put(times[i], i);
      }
      List<NabWindow> ws = new ArrayList<>();
      for (JsonNode w : windows.get(name)) {
        Integer first = index.get(parseTime(w.get(0).asString()));
        Integer last = index.get(parseTime(w.get(1).asString()));
        if (first == null || last == null) {
          throw new IllegalArgumentException(name + ": window " + w + " does not start and end on rows of the file");
        }
        ws.add(new NabWindow(first, last));
      }
      out.add(new DataFile(name, times, values, new NabLabels(name, rows.size(), ws)));
    }
    return new NabCorpus(dir, out);
  }

  /**
   * The {@code anomaly_score} column of a detector's published output for {@code file}
   * ({@code results/<detector>/<category>/<detector>_<file>.csv[.gz]}).
   */
  public double[] detectorScores(String detector, DataFile file) {
    String category = file.name().substring(0, file.name().indexOf('/'));
    String base = file.name().substring(file.name().indexOf('/') + 1);
    Path p = dir.resolve("results").resolve(detector).resolve(category).resolve(detector + "_" + base);
    Path gz = Path.of(p + ".gz");
    Path use = Files.isRegularFile(gz) ? gz : p;
    List<String> lines = readLines(use);
    String[] header = lines.get(0).split(",");
    int col = -1;
    for (int i = 0; i < header.length; i++) {
      if (header[i].trim().equals("anomaly_score")) {
        col = i;
      }
    }
    if (col < 0) {
      throw new IllegalArgumentException(use + ": no anomaly_score column in header " + lines.get(0));
    }
    if (lines.size() - 1 != file.values().length) {
      throw new IllegalArgumentException(use + ": " + (lines.size() - 1) + " rows, the data file has "
          + file.values().length);
    }
    double[] out = new double[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      out[i - 1] = Double.parseDouble(lines.get(i).split(",")[col]);
    }
    return out;
  }

  /** Detectors with a folder under {@code results/}, sorted. */
  public List<String> detectors() {
    Path results = dir.resolve("results");
    if (!Files.isDirectory(results)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(results)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code config/thresholds.json}: detector → profile → threshold. */
  public Map<String, Map<String, Double>> publishedThresholds() {
    return nested(dir.resolve("config/thresholds.json"), true);
  }

  /** {@code results/final_results.json}: detector → profile → normalised score. */
  public Map<String, Map<String, Double>> publishedScores() {
    return nested(dir.resolve("results/final_results.json"), false);
  }

  private static Map<String, Map<String, Double>> nested(Path file, boolean thresholdField) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    JsonNode root = JSON.readTree(file.toFile());
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> d : root.properties()) {
      Map<String, Double> profiles = new TreeMap<>();
      for (Map.Entry<String, JsonNode> p : d.getValue().properties()) {
        JsonNode v = thresholdField ? p.getValue().get("threshold") : p.getValue();
        if (v != null && v.isNumber()) {
          profiles.put(p.getKey(), v.asDouble());
        }
      }
      out.put(d.getKey(), profiles);
    }
    return out;
  }

  private static Map<String, JsonNode> toMap(JsonNode obj) {
    Map<String, JsonNode> m = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  /** A NAB timestamp ({@code 2014-04-10 07:15:00[.000000]}), naive, read as UTC. */
  public static Instant parseTime(String text) {
    String t = text.trim().replace(' ', 'T');
    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
  }

  private static List<String[]> readCsv(Path csv) {
    List<String> lines = readLines(csv);
    List<String[]> rows = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        rows.add(lines.get(i).split(","));
      }
    }
    return rows;
  }

  private static List<String> readLines(Path p) {
    try (InputStream raw = Files.newInputStream(p);
        InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      List<String> out = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }
}
