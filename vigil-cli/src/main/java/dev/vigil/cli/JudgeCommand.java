package dev.vigil.cli;

import dev.vigil.analysis.Series;
import dev.vigil.analysis.judge.AnomalyCheck;
import dev.vigil.analysis.judge.BeforeAfterJudge;
import dev.vigil.analysis.judge.Comparison;
import dev.vigil.analysis.judge.Direction;
import dev.vigil.analysis.judge.MetricJudgement;
import dev.vigil.analysis.judge.MetricWindows;
import dev.vigil.analysis.judge.RangeCheck;
import dev.vigil.analysis.judge.ShiftRarity;
import dev.vigil.analysis.judge.Tolerance;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil judge}: the before/after judge as a command for CI pipelines that gate a rollout.
 *
 * <pre>
 * vigil judge --before FILE --after FILE [--baseline-last-week FILE] [--history FILE]
 *             [--direction higher-is-worse|lower-is-worse|both] [--tolerance 10%|25|3sd|25,10%,3sd]
 *             [--metric NAME] [--json]
 * </pre>
 *
 * Exit status: 0 pass, 1 fail, 2 marginal, 3 not enough data; 64 usage error, 65 malformed data file,
 * 66 unreadable file (the BSD sysexits codes, so a pipeline can tell "the deploy is bad" from "the gate is
 * misconfigured").
 */
public final class JudgeCommand {
  static final int USAGE = 64;
  static final int DATA_ERROR = 65;
  static final int NO_INPUT = 66;

  static final String USAGE_TEXT = """
      usage: vigil judge --before FILE --after FILE [--baseline-last-week FILE] [--history FILE]
                         [--direction higher-is-worse|lower-is-worse|both] [--tolerance T] [--metric NAME] [--json]
        FILE        CSV 'timestamp,value' (header optional) or a JSON array of [timestamp, value] pairs,
                    {timestamp, value} objects or numbers, or a Prometheus query_range response
        --history   a longer stretch before the change (e.g. the last week): an after value beyond its whole
                    range fails; a shift that stays inside its range and usual level is only marginal;
                    with a day or more of it, the anomaly scorer runs over it and the after-window, and a
                    worse after value it scores 0.52 or more fails
        --direction which way is worse (default higher-is-worse)
        --tolerance allowed worsening, the largest of: 10% of the before median, an absolute 25, 3 robust
                    standard deviations of the before-window (3sd); combine with commas (default 10%,3sd)
      exit: 0 pass, 1 fail, 2 marginal, 3 not enough data, 64 usage, 65 bad data, 66 unreadable file""";

  private JudgeCommand() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command, printing to {@code out} and {@code err}; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Path before = null;
    Path after = null;
    Path lastWeek = null;
    Path history = null;
    Direction direction = Direction.HIGHER_IS_WORSE;
    Tolerance tolerance = Tolerance.DEFAULT;
    String metric = "metric";
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      String inline = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
      if (name.equals("--json") || name.equals("-h") || name.equals("--help")) {
        if (inline != null) {
          return usage(err, name + " takes no value");
        }
        if (!name.equals("--json")) {
          out.println(USAGE_TEXT);
          return 0;
        }
        json = true;
        continue;
      }
      String value = inline;
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          return usage(err, name + " needs a value");
        }
        value = args[++i];
      }
      try {
        switch (name) {
          case "--before" -> before = Path.of(value);
          case "--after" -> after = Path.of(value);
          case "--baseline-last-week" -> lastWeek = Path.of(value);
          case "--history" -> history = Path.of(value);
          case "--direction" -> direction = Direction.parse(value);
          case "--tolerance" -> tolerance = Tolerance.parse(value);
          case "--metric" -> metric = value;
          default -> {
            return usage(err, "unknown argument '" + a + "'");
          }
        }
      } catch (IllegalArgumentException e) {
        return usage(err, name + ": " + e.getMessage());
      }
    }
    if (before == null) {
      return usage(err, "--before FILE is required");
    }
    if (after == null) {
      return usage(err, "--after FILE is required");
    }
    Series b;
    Series af;
    Series lw = null;
    Series h = null;
    try {
      b = load(before, "--before");
      af = load(after, "--after");
      if (lastWeek != null) {
        lw = load(lastWeek, "--baseline-last-week");
      }
      if (history != null) {
        h = load(history, "--history");
      }
    } catch (IOException e) {
      err.println("vigil judge: " + e.getMessage());
      return NO_INPUT;
    } catch (SeriesFiles.BadInput e) {
      err.println("vigil judge: " + e.getMessage());
      return DATA_ERROR;
    }
    MetricJudgement j = new BeforeAfterJudge().judge(MetricWindows.withHistory(metric, b, af, lw, direction, tolerance, h));
    if (json) {
      out.println(toJson(j, direction, tolerance));
    } else {
      printText(out, j, direction, tolerance);
    }
    return j.verdict().exitCode();
  }

  private static Series load(Path file, String option) throws IOException, SeriesFiles.BadInput {
    if (!Files.isReadable(file)) {
      throw new IOException(option + " " + file + ": file does not exist or cannot be read");
    }
    return SeriesFiles.read(file);
  }

  private static int usage(PrintStream err, String message) {
    err.println("vigil judge: " + message);
    err.println(USAGE_TEXT);
    return USAGE;
  }

  private static void printText(PrintStream out, MetricJudgement j, Direction d, Tolerance t) {
    out.printf(Locale.ROOT, "%s  %s (%s, tolerance %s)%n", j.verdict(), j.metric(), d.label(), t);
    out.println("  " + j.reason());
    printComparison(out, j.vsBefore());
    if (j.vsLastWeek() != null) {
      printComparison(out, j.vsLastWeek());
    }
    if (j.vsHistory() != null) {
      RangeCheck r = j.vsHistory();
      out.printf(Locale.ROOT, "  vs %-10s %-15s n=%d/%d range %s..%s beyond %d p=%s%n", "history", r.verdict(),
          r.historySize(), r.afterSize(), fmt(r.low()), fmt(r.high()), r.beyond(), fmt(r.p()));
    }
    if (j.vsScorer() != null) {
      AnomalyCheck a = j.vsScorer();
      out.printf(Locale.ROOT, "  vs %-10s %-15s n=%d/%d season %d highest score %s (fails at %s)%s%n", "scorer",
          a.verdict(), a.historySize(), a.scoredAfter(), a.seasonPoints(), fmt(a.highestScore()), fmt(a.failScore()),
          a.worstAt() == null ? "" : " at " + a.worstAt() + " value " + fmt(a.worstValue()));
    }
    if (j.vsPastShifts() != null) {
      ShiftRarity r = j.vsPastShifts();
      out.printf(Locale.ROOT, "  vs %-10s %-15s windows %d/%d steps, as far in %d of %d positions (%s)%n",
          "past hours", r.judged() ? "judged" : "not judged", r.beforePoints(), r.afterPoints(), r.asLarge(),
          r.positions(), Double.isNaN(r.share()) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * r.share()));
    }
    if (j.skippedNaN() > 0) {
      out.println("  skipped " + j.skippedNaN() + " NaN values");
    }
  }

  private static void printComparison(PrintStream out, Comparison c) {
    out.printf(Locale.ROOT, "  vs %-10s %-15s n=%d/%d median %s -> %s shift %s [%s, %s] p=%s%n", c.reference(),
        c.verdict(), c.referenceSize(), c.candidateSize(), fmt(c.referenceMedian()), fmt(c.candidateMedian()),
        fmt(c.shift()), fmt(c.shiftLower()), fmt(c.shiftUpper()), fmt(c.pValue()));
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }

  static String toJson(MetricJudgement j, Direction d, Tolerance t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", j.metric());
    m.put("verdict", j.verdict().name().toLowerCase(Locale.ROOT));
    m.put("exitCode", j.verdict().exitCode());
    m.put("reason", j.reason());
    m.put("direction", d.label());
    m.put("tolerance", t.toString());
    m.put("skippedNaN", j.skippedNaN());
    m.put("vsBefore", comparison(j.vsBefore()));
    if (j.vsLastWeek() != null) {
      m.put("vsLastWeek", comparison(j.vsLastWeek()));
    }
    if (j.vsHistory() != null) {
      RangeCheck r = j.vsHistory();
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
      h.put("reason", r.reason());
      h.put("historySize", r.historySize());
      h.put("afterSize", r.afterSize());
      h.put("low", finite(r.low()));
      h.put("high", finite(r.high()));
      h.put("above", r.above());
      h.put("below", r.below());
      h.put("pValue", finite(r.p()));
      m.put("vsHistory", h);
    }
    if (j.vsScorer() != null) {
      AnomalyCheck a = j.vsScorer();
      Map<String, Object> sc = new LinkedHashMap<>();
      sc.put("verdict", a.verdict().name().toLowerCase(Locale.ROOT));
      sc.put("reason", a.reason());
      sc.put("historySize", a.historySize());
      sc.put("scoredAfter", a.scoredAfter());
      sc.put("seasonPoints", a.seasonPoints());
      sc.put("highestScore", finite(a.highestScore()));
      sc.put("worstValue", finite(a.worstValue()));
      sc.put("worstAt", a.worstAt() == null ? null : a.worstAt().toString());
      sc.put("failScore", a.failScore());
      m.put("vsScorer", sc);
    }
    if (j.vsPastShifts() != null) {
      ShiftRarity r = j.vsPastShifts();
      Map<String, Object> ps = new LinkedHashMap<>();
      ps.put("judged", r.judged());
      ps.put("reason", r.reason());
      ps.put("shift", finite(r.shift()));
      ps.put("beforePoints", r.beforePoints());
      ps.put("afterPoints", r.afterPoints());
      ps.put("positions", r.positions());
      ps.put("asLarge", r.asLarge());
      ps.put("share", finite(r.share()));
      m.put("vsPastShifts", ps);
    }
    ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    return mapper.writeValueAsString(m);
  }

  private static Map<String, Object> comparison(Comparison c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reference", c.reference());
    m.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
    m.put("reason", c.reason());
    m.put("referenceSize", c.referenceSize());
    m.put("afterSize", c.candidateSize());
    m.put("referenceMedian", finite(c.referenceMedian()));
    m.put("afterMedian", finite(c.candidateMedian()));
    m.put("shift", finite(c.shift()));
    m.put("shiftLower", finite(c.shiftLower()));
    m.put("shiftUpper", finite(c.shiftUpper()));
    m.put("pValue", finite(c.pValue()));
    m.put("allowedShift", finite(c.allowedShift()));
    m.put("exact", c.exact());
    return m;
  }

  /** JSON has no NaN or Infinity: unknown or unbounded numbers are written as null. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
