package dev.vigil.bench.judge;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import dev.vigil.analysis.judge.BeforeAfterJudge;
import dev.vigil.analysis.judge.Direction;
import dev.vigil.analysis.judge.JudgeSettings;
import dev.vigil.analysis.judge.MetricWindows;
import dev.vigil.analysis.judge.Tolerance;
import dev.vigil.analysis.judge.Verdict;
import dev.vigil.bench.charts.BarChart;
import dev.vigil.bench.nab.BenchData;
import dev.vigil.bench.nab.NabBench;
import dev.vigil.bench.nab.NabBenchArgs;
import dev.vigil.bench.nab.NabCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./vigil bench judge [--corpus DIR]}: measures the before/after judge on deploys simulated on the
 * labelled NAB series and writes {@code target/bench/judge.json}.
 *
 * <p>{@link CaseRule} cuts the cases: at every labelled anomaly onset (the judge must fail) and at regular cuts
 * far from every label (the judge must pass). Each case is judged as a deploy watch would judge one metric:
 * the after-window against the before-window and, when the file reaches back a week, against the same window
 * one week earlier, with {@link Direction#BOTH} since NAB does not say which way is bad. Recall counts FAIL
 * verdicts on anomalous cases, the false failure rate counts FAIL verdicts on quiet ones; MARGINAL counts as
 * neither and is reported separately. The settings are global; they were chosen on the tuning half (files at
 * even positions of the sorted list) and both halves are reported.
 */
public final class JudgeBench {
  /**
   * What is run: the cutting rule, the tolerance and the judge's settings.
   *
   * @param rule how cases are cut
   * @param tolerance the tolerance every case is judged with
   * @param judge the judge's statistical settings
   * @param useLastWeek whether the week-earlier window is given to the judge when the file has it
   * @param historyRows rows before the cut given to the judge as its longer history (fewer near the file start),
   *     0 for none
   */
  public record Setup(CaseRule rule, Tolerance tolerance, JudgeSettings judge, boolean useLastWeek,
      int historyRows) {
    public Setup {
      if (historyRows < 0) {
        throw new IllegalArgumentException("historyRows must be >= 0, got " + historyRows);
      }
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(tolerance, "tolerance");
      Objects.requireNonNull(judge, "judge");
    }
  }

  /**
   * The setup reported by default. One hour after the deploy and four before at NAB's usual five-minute step
   * (12 and 48 rows): a deploy watch has to answer within the hour, and a longer before-window steadies the
   * reference more cheaply than a longer wait. Quiet cuts keep a day (288 rows) from any label. The history is
   * the week before the cut (2,016 rows), what a deploy watch can ask its metric source for; a week and not a
   * day because a day's range is exceeded by chance too often (tuning half: docs/benchmarks.md).
   */
  public static final Setup DEFAULT = new Setup(new CaseRule(48, 12, 288), Tolerance.DEFAULT,
      JudgeSettings.DEFAULT, true, 2016);

  /** The setup before the range check existed, reported for comparison. */
  public static final Setup WITHOUT_HISTORY = new Setup(DEFAULT.rule(), DEFAULT.tolerance(), DEFAULT.judge(),
      true, 0);

  private static final Instant ROW_CLOCK = Instant.EPOCH;
  private static final Duration ROW_STEP = Duration.ofMinutes(5);

  private JudgeBench() {}

  /** Entry point: {@code [--corpus DIR] [--grid]}. */
  public static void main(String[] args) {
    Path corpusDir = BenchData.dir("nab");
    boolean grid = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--corpus" -> corpusDir = Path.of(NabBenchArgs.value(args, ++i, "--corpus"));
        case "--grid" -> grid = true;
        case "-h", "--help" -> {
          System.out.println("usage: vigil bench judge [--corpus DIR]");
          return;
        }
        default -> NabBenchArgs.usage("unknown argument '" + args[i] + "' (expected --corpus DIR)");
      }
    }
    if (!BenchData.present(corpusDir)) {
      NabBenchArgs.usage(BenchData.missing(corpusDir));
    }
    NabCorpus corpus = NabCorpus.load(corpusDir);
    Map<String, List<Instant>> labels = labelInstants(corpusDir);
    if (grid) {
      grid(corpus, labels);
      return;
    }
    long start = System.nanoTime();
    List<JudgeOutcome> perFile = run(corpus, labels, DEFAULT);
    long nanos = System.nanoTime() - start;
    JudgeOutcome all = sum(perFile, 0, 1);
    JudgeOutcome tuning = sum(perFile, 0, 2);
    JudgeOutcome heldOut = sum(perFile, 1, 2);

    System.out.printf(Locale.ROOT, "judge: %d files, rule %s, tolerance %s, %s, last week %s%n",
        corpus.files().size(), DEFAULT.rule(), DEFAULT.tolerance(), DEFAULT.judge(), DEFAULT.useLastWeek());
    System.out.printf(Locale.ROOT, "  %-22s %8s %9s %8s %13s %8s%n", "set", "anomal.", "recall", "quiet",
        "false fail", "marginal");
    print("all files", all);
    print("tuning half (even)", tuning);
    print("held-out half (odd)", heldOut);
    List<JudgeOutcome> plain = run(corpus, labels, WITHOUT_HISTORY);
    JudgeOutcome plainAll = sum(plain, 0, 1);
    print("no history, all", plainAll);
    print("no history, tuning", sum(plain, 0, 2));
    print("no history, held-out", sum(plain, 1, 2));
    if (System.getenv("VIGIL_JUDGE_FILES") != null) {
      for (int i = 0; i < perFile.size(); i++) {
        print(corpus.files().get(i).name(), perFile.get(i));
      }
    }
    int cases = all.anomalous() + all.quiet();
    System.out.printf(Locale.ROOT, "judge: %d cases in %.1f ms (%.1f µs per judgement)%n", cases, nanos / 1e6,
        nanos / 1e3 / Math.max(1, cases));

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("corpus", corpus.dir().toString());
    out.put("rule", Map.of("beforeRows", DEFAULT.rule().before(), "afterRows", DEFAULT.rule().after(),
        "quietMarginRows", DEFAULT.rule().margin(), "lastWeek", DEFAULT.useLastWeek(),
        "historyRows", DEFAULT.historyRows(),
        "description", "anomalous cut at the first labelled instant inside each window (else its centre); quiet"
            + " cuts every before+after rows, kept when margin rows around both windows touch no label"));
    out.put("judge", Map.of("tolerance", DEFAULT.tolerance().toString(), "alpha", DEFAULT.judge().alpha(),
        "minSamples", DEFAULT.judge().minSamples(), "direction", Direction.BOTH.label(),
        "anomalyScore", DEFAULT.judge().anomalyScore(),
        "marginalAnomalyScore", DEFAULT.judge().marginalAnomalyScore()));
    out.put("all", json(all));
    out.put("halves", Map.of("rule", "files sorted by name; tuning = even positions, held-out = odd positions",
        "tuning", json(tuning), "heldOut", json(heldOut)));
    Map<String, Object> files = new LinkedHashMap<>();
    for (int i = 0; i < perFile.size(); i++) {
      files.put(corpus.files().get(i).name(), json(perFile.get(i)));
    }
    out.put("files", files);
    out.put("withoutHistory", Map.of("all", json(plainAll), "tuning", json(sum(plain, 0, 2)), "heldOut",
        json(sum(plain, 1, 2))));
    out.put("microsPerJudgement", NabBench.roundTo(nanos / 1e3 / Math.max(1, cases), 1));
    NabBench.write("judge", out);
    List<JudgeOutcome> sets = List.of(all, tuning, heldOut);
    new BarChart("Before/after judge on simulated deploys cut from NAB (" + cases + " cases)", "rate",
        List.of("all files", "tuning half", "held-out half"))
        .series("recall (labelled onsets judged fail)", sets.stream().map(JudgeOutcome::recall).toList())
        .series("false failure rate (quiet cuts judged fail)",
            sets.stream().map(JudgeOutcome::falseFailureRate).toList())
        .target("target recall 0.9", 0.9)
        .target("target false failure rate 0.02", 0.02)
        .yMax(1.0)
        .write("judge");
  }

  /** Judges every case of every file; one outcome per file, in the corpus's order. */
  public static List<JudgeOutcome> run(NabCorpus corpus, Map<String, List<Instant>> labels, Setup setup) {
    BeforeAfterJudge judge = new BeforeAfterJudge(setup.judge());
    List<JudgeOutcome> out = new ArrayList<>(corpus.files().size());
    for (NabCorpus.DataFile f : corpus.files()) {
      CaseRule.Cut cut = setup.rule().cut(f, labels);
      int[] n = new int[7];
      for (JudgeCase c : cut.cases()) {
        Verdict v = judge(judge, setup, f, c);
        int base = c.anomalous() ? 0 : 3;
        n[base]++;
        if (v == Verdict.FAIL) {
          n[base + 1]++;
        } else if (v == Verdict.MARGINAL) {
          n[base + 2]++;
        } else if (v == Verdict.NOT_ENOUGH_DATA) {
          n[6]++;
        }
      }
      out.add(new JudgeOutcome(n[0], n[1], n[2], n[3], n[4], n[5], n[6]));
    }
    return out;
  }

  /** The outcomes of files {@code first}, {@code first + step}, ... added up. */
  public static JudgeOutcome sum(List<JudgeOutcome> perFile, int first, int step) {
    JudgeOutcome total = JudgeOutcome.EMPTY;
    for (int i = first; i < perFile.size(); i += step) {
      total = total.plus(perFile.get(i));
    }
    return total;
  }

  private static Verdict judge(BeforeAfterJudge judge, Setup setup, NabCorpus.DataFile f, JudgeCase c) {
    CaseRule rule = setup.rule();
    Series before = rows(f.values(), c.cut() - rule.before(), rule.before());
    Series after = rows(f.values(), c.cut(), rule.after());
    Series lastWeek = setup.useLastWeek() && c.lastWeek() >= 0 ? rows(f.values(), c.lastWeek(), rule.after()) : null;
    int from = Math.max(0, c.cut() - setup.historyRows());
    Series history = setup.historyRows() == 0 ? null : rows(f.values(), from, c.cut() - from);
    return judge.judge(MetricWindows.withHistory(f.name(), before, after, lastWeek, Direction.BOTH, setup.tolerance(),
        history)).verdict();
  }

  // NAB's timestamps step back at daylight-saving changes, so rows get their position as timestamps, five
  // minutes apart: NAB's usual step, so that the anomaly check's season is 288 points, as in the NAB benchmark.
  private static Series rows(double[] values, int from, int count) {
    List<Sample> s = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      s.add(new Sample(ROW_CLOCK.plus(ROW_STEP.multipliedBy(i)), values[i]));
    }
    return Series.of(s);
  }

  /** The labelled anomaly instants per file, from {@code labels/combined_labels.json}; empty when absent. */
  public static Map<String, List<Instant>> labelInstants(Path corpusDir) {
    Path file = corpusDir.resolve("labels/combined_labels.json");
    Map<String, List<Instant>> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    JsonNode root = JsonMapper.builder().build().readTree(file.toFile());
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      List<Instant> instants = new ArrayList<>();
      for (JsonNode t : e.getValue()) {
        instants.add(NabCorpus.parseTime(t.asString()));
      }
      out.put(e.getKey(), List.copyOf(instants));
    }
    return out;
  }

  private static Map<String, Object> json(JudgeOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("anomalousCases", o.anomalous());
    m.put("recall", NabBench.roundTo(o.recall(), 4));
    m.put("anomalousMarginal", o.anomalousMarginal());
    m.put("quietCases", o.quiet());
    m.put("falseFailureRate", NabBench.roundTo(o.falseFailureRate(), 4));
    m.put("quietMarginal", o.quietMarginal());
    m.put("notEnoughData", o.notEnoughData());
    return m;
  }

  private static void print(String label, JudgeOutcome o) {
    System.out.printf(Locale.ROOT, "  %-22s %8d %9.3f %8d %13.4f %8d%n", label, o.anomalous(), o.recall(),
        o.quiet(), o.falseFailureRate(), o.anomalousMarginal() + o.quietMarginal());
  }

  private static final double[] GRID_SHARES = doubles("vigil.judge.grid.shares", "1,0.01,0.005");
  private static final double[] GRID_SCORES = doubles("vigil.judge.grid.scores", "0.46,0.48,0.50,0.52");

  private static double[] doubles(String property, String fallback) {
    String[] parts = System.getProperty(property, fallback).split(",");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Double.parseDouble(parts[i].trim());
    }
    return out;
  }

  /** Development aid: global settings evaluated on the tuning half only. */
  private static void grid(NabCorpus corpus, Map<String, List<Instant>> labels) {
    List<NabCorpus.DataFile> even = new ArrayList<>();
    for (int i = 0; i < corpus.files().size(); i += 2) {
      even.add(corpus.files().get(i));
    }
    NabCorpus tuning = new NabCorpus(corpus.dir(), even);
    String sections = System.getProperty("vigil.judge.grid.sections", "windows,scores,history");
    for (int[] w : sections.contains("windows") ? new int[][] {{48, 12}, {144, 24}, {288, 24}, {288, 48}}
        : new int[0][]) {
      for (double rel : new double[] {0.1, 0.25}) {
        for (double noise : new double[] {0, 2, 3, 5}) {
          Setup s = new Setup(new CaseRule(w[0], w[1], 288), new Tolerance(0, rel, noise), JudgeSettings.DEFAULT,
              true, 0);
          JudgeOutcome o = sum(run(tuning, labels, s), 0, 1);
          System.out.printf(Locale.ROOT, "grid before=%d after=%d tolerance=%s recall=%.3f falseFail=%.4f"
              + " (n=%d/%d)%n", w[0], w[1], s.tolerance(), o.recall(), o.falseFailureRate(), o.anomalous(),
              o.quiet());
        }
      }
    }
    // The anomaly check's two scores with the share of usual shifts (1 = that rule off), chosen together as the
    // highest recall at <= 2 % false failures.
    for (double share : sections.contains("scores") ? GRID_SHARES : new double[0]) {
      for (double fail : GRID_SCORES) {
        for (double offset : new double[] {0.05, 0.10}) {
          JudgeSettings j = new JudgeSettings(0.05, 3, 0.95, fail, fail - offset, share);
          Setup s = new Setup(DEFAULT.rule(), DEFAULT.tolerance(), j, true, DEFAULT.historyRows());
          JudgeOutcome o = sum(run(tuning, labels, s), 0, 1);
          System.out.printf(Locale.ROOT, "grid usualShiftShare=%.3f anomalyScore=%.2f marginal=%.2f recall=%.3f"
              + " falseFail=%.4f%n", share, fail, fail - offset, o.recall(), o.falseFailureRate());
        }
      }
    }
    for (int history : sections.contains("history") ? new int[] {288, 1008, 2016, 4032} : new int[0]) {
      Setup s = new Setup(DEFAULT.rule(), DEFAULT.tolerance(), DEFAULT.judge(), true, history);
      JudgeOutcome o = sum(run(tuning, labels, s), 0, 1);
      System.out.printf(Locale.ROOT, "grid history=%d recall=%.3f falseFail=%.4f (n=%d/%d)%n", history, o.recall(),
          o.falseFailureRate(), o.anomalous(), o.quiet());
    }
  }
}
