package dev.vigil.bench.loghub;

import dev.vigil.analysis.evaluation.LogParsingScore;
import dev.vigil.analysis.logs.LogTemplate;
import dev.vigil.analysis.logs.LogTemplateMiner;
import dev.vigil.analysis.logs.MinerSettings;
import dev.vigil.analysis.logs.TemplateMatch;
import dev.vigil.bench.charts.BarChart;
import dev.vigil.bench.nab.BenchData;
import dev.vigil.bench.nab.NabBench;
import dev.vigil.bench.nab.NabBenchArgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./vigil bench loghub [--dir DIR] [--truth original|corrected]}: mines every system of a Loghub-2k style
 * directory (one folder per system with {@code <System>_2k.log_structured.csv}, or
 * {@code ..._structured_corrected.csv} with {@code --truth corrected}) and writes {@code target/bench/loghub.json}
 * ({@code loghub-corrected.json} for the corrected truth), with a chart beside it.
 *
 * <p>The miner's parameters are global; only the masking rules differ per log format ({@link LogFormats}), as a
 * user would write them per format. The input is the structured file's {@code Content} column, the message
 * part of each raw line.
 */
public final class LoghubBench {
  private LoghubBench() {}

  /** Result for one system. */
  record SystemResult(String system, LogParsingScore score, int templates) {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) {
    Path dir = null;
    boolean corrected = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(NabBenchArgs.value(args, ++i, "--dir"));
        case "--truth" -> {
          String t = NabBenchArgs.value(args, ++i, "--truth");
          if (!t.equals("original") && !t.equals("corrected")) {
            NabBenchArgs.usage("--truth must be 'original' or 'corrected', got '" + t + "'");
          }
          corrected = t.equals("corrected");
        }
        case "-h", "--help" -> {
          System.out.println("usage: vigil bench loghub [--dir DIR] [--truth original|corrected]");
          return;
        }
        default -> NabBenchArgs.usage("unknown argument '" + args[i]
            + "' (expected --dir DIR, --truth original|corrected)");
      }
    }
    if (dir == null) {
      dir = BenchData.dir("loghub-2k").resolve(corrected ? "corrected-khan-icse22" : "original");
    }
    if (!BenchData.present(dir)) {
      NabBenchArgs.usage(BenchData.missing(dir));
    }
    List<LoghubSystem> systems = systems(dir, corrected);
    System.out.printf(Locale.ROOT, "loghub: %d systems in %s (truth: %s)%n", systems.size(), dir,
        corrected ? "corrected" : "original");
    Map<String, Double> drain = publishedDrain(dir);

    List<SystemResult> results = new ArrayList<>();
    for (LoghubSystem s : systems) {
      results.add(evaluate(s));
    }
    double linesPerSecond = throughput(systems);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dir", dir.toString());
    out.put("truth", corrected ? "corrected" : "original");
    out.put("settings", MinerSettings.DEFAULT.fingerprint());
    Map<String, Object> per = new LinkedHashMap<>();
    double[] sum = new double[4];
    double drainSum = 0;
    int drainCount = 0;
    System.out.printf(Locale.ROOT, "  %-12s %6s %6s %6s %6s %9s %10s%n", "system", "GA", "PA", "FGA", "FTA",
        "templates", "Drain GA");
    for (SystemResult r : results) {
      LogParsingScore sc = r.score();
      Double d = drain.get(r.system());
      System.out.printf(Locale.ROOT, "  %-12s %6.3f %6.3f %6.3f %6.3f %9d %10s%n", r.system(), sc.ga(), sc.pa(),
          sc.fga(), sc.fta(), r.templates(), d == null ? "-" : String.format(Locale.ROOT, "%.3f", d));
      per.put(r.system(), metrics(sc.ga(), sc.pa(), sc.fga(), sc.fta()));
      sum[0] += sc.ga();
      sum[1] += sc.pa();
      sum[2] += sc.fga();
      sum[3] += sc.fta();
      if (d != null) {
        drainSum += d;
        drainCount++;
      }
    }
    int n = results.size();
    Map<String, Object> mean = metrics(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n);
    System.out.printf(Locale.ROOT, "  %-12s %6.3f %6.3f %6.3f %6.3f %9s %10s%n", "mean", sum[0] / n, sum[1] / n,
        sum[2] / n, sum[3] / n, "", drainCount == 0 ? "-" : String.format(Locale.ROOT, "%.3f", drainSum / drainCount));
    System.out.printf(Locale.ROOT, "loghub: %.0f lines per second (one thread, masking included)%n", linesPerSecond);
    out.put("systems", per);
    out.put("mean", mean);
    Map<String, Object> halves = new LinkedHashMap<>();
    halves.put("rule", "systems sorted by name; tuning = even positions (Android, BGL, ...), held-out = odd positions;"
        + " the global similarity and depth were chosen on the tuning half");
    for (int parity = 0; parity < 2; parity++) {
      double[] h = new double[4];
      int count = 0;
      for (int i = parity; i < results.size(); i += 2) {
        LogParsingScore sc = results.get(i).score();
        h[0] += sc.ga();
        h[1] += sc.pa();
        h[2] += sc.fga();
        h[3] += sc.fta();
        count++;
      }
      String name = parity == 0 ? "tuning" : "heldOut";
      halves.put(name, metrics(h[0] / count, h[1] / count, h[2] / count, h[3] / count));
      System.out.printf(Locale.ROOT, "  %-12s %6.3f %6.3f %6.3f %6.3f   (%d systems)%n", name, h[0] / count,
          h[1] / count, h[2] / count, h[3] / count, count);
    }
    out.put("halves", halves);
    if (drainCount > 0) {
      out.put("publishedDrainMeanGA", NabBench.roundTo(drainSum / drainCount, 4));
      out.put("publishedDrainGA", drain);
    }
    out.put("linesPerSecond", Math.round(linesPerSecond));
    NabBench.write(corrected ? "loghub-corrected" : "loghub", out);
    List<String> names = new ArrayList<>(results.stream().map(SystemResult::system).toList());
    names.add("mean");
    List<Double> ga = new ArrayList<>(results.stream().map(r -> r.score().ga()).toList());
    ga.add(sum[0] / n);
    List<Double> fta = new ArrayList<>(results.stream().map(r -> r.score().fta()).toList());
    fta.add(sum[3] / n);
    List<Double> drainGa = new ArrayList<>(results.stream()
        .map(r -> drain.getOrDefault(r.system(), Double.NaN)).toList());
    drainGa.add(drainCount == 0 ? Double.NaN : drainSum / drainCount);
    BarChart chart = new BarChart(String.format(Locale.ROOT, "Loghub-2k (%s truth): Vigil's template miner, %,.0f"
        + " lines/s", corrected ? "corrected" : "original", linesPerSecond), "accuracy", names)
        .series("Vigil GA", ga);
    if (drainCount > 0) {
      chart.series("Drain GA (published)", drainGa);
    }
    chart.series("Vigil FTA", fta).target("target mean GA 0.95", 0.95).yMax(1.1)
        .write(corrected ? "loghub-corrected" : "loghub");
  }

  /** Mines one system from an empty miner and scores it. */
  static SystemResult evaluate(LoghubSystem s) {
    LogTemplateMiner miner = new LogTemplateMiner(LogFormats.settingsFor(s.name()));
    int[] ids = new int[s.contents().size()];
    for (int i = 0; i < ids.length; i++) {
      TemplateMatch m = miner.add(s.contents().get(i));
      ids[i] = m.templateId();
    }
    // As in the published evaluations, a line's template is its cluster's final template, and lines whose
    // templates end up identical form one group; the group is decided by the shape, the text is what PA checks.
    List<String> groups = new ArrayList<>(ids.length);
    List<String> templates = new ArrayList<>(ids.length);
    for (int id : ids) {
      LogTemplate t = miner.template(id);
      groups.add(t.shape());
      templates.add(t.template());
    }
    LogParsingScore score = LogParsingScore.of(s.truthGroups(), s.truthTemplates(), groups, templates);
    return new SystemResult(s.name(), score, (int) groups.stream().distinct().count());
  }

  /** Systems (sub-directories holding a structured file), sorted by name. */
  static List<LoghubSystem> systems(Path dir, boolean corrected) {
    List<LoghubSystem> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p.resolve(name + "_2k.log_structured" + (corrected ? "_corrected" : "") + ".csv"))) {
          out.add(LoghubSystem.read(p, corrected));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(dir + " holds no <System>/<System>_2k.log_structured"
          + (corrected ? "_corrected" : "") + ".csv");
    }
    return out;
  }

  private static double throughput(List<LoghubSystem> systems) {
    long lines = 0;
    long best = Long.MAX_VALUE;
    // Several passes so the JIT has compiled the miner; the fastest pass is reported.
    for (int pass = 0; pass < 7; pass++) {
      long start = System.nanoTime();
      lines = 0;
      for (LoghubSystem s : systems) {
        LogTemplateMiner miner = new LogTemplateMiner(LogFormats.settingsFor(s.name()));
        for (String line : s.contents()) {
          miner.add(line);
          lines++;
        }
      }
      best = Math.min(best, System.nanoTime() - start);
    }
    return lines / (best / 1e9);
  }

  private static Map<String, Double> publishedDrain(Path dir) {
    Path file = dir.getParent().resolve("published/logparser_README_benchmark_tables_compiled.csv");
    Map<String, Double> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      List<List<String>> rows = Csv.parse(Files.readString(file));
      List<String> header = rows.get(0);
      for (List<String> r : rows) {
        if (r.get(0).equals("Drain") && r.get(1).startsWith("GA")) {
          for (int i = 2; i < header.size() && i < r.size(); i++) {
            if (!header.get(i).startsWith("mean") && !r.get(i).isBlank()) {
              out.put(header.get(i), Double.parseDouble(r.get(i)));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  private static Map<String, Object> metrics(double ga, double pa, double fga, double fta) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("GA", NabBench.roundTo(ga, 4));
    m.put("PA", NabBench.roundTo(pa, 4));
    m.put("FGA", NabBench.roundTo(fga, 4));
    m.put("FTA", NabBench.roundTo(fta, 4));
    return m;
  }
}
