package dev.vigil.analysis.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The Numenta Anomaly Benchmark score, implemented from its published rules.
 *
 * <p>Per file the first {@code min(floor(0.15 n), 750)} rows are probation and not scored. A detection is a row
 * whose score is at least the threshold. In a window of width w ending at row r, a detection at row i is worth
 * {@code σ(−(r−i+1)/w)·A_TP/σ(−1)} and only the best (earliest) detection of a window counts; a window without
 * one costs {@code −A_FN}. A detection outside every window is worth {@code −A_FP} before the first window and
 * {@code σ((i−r′)/(w′−1))·A_FP} after a window ending at r′ of width w′ (negative: the further, the closer to
 * −A_FP). {@code σ(x) = 2/(1+e^{5x}) − 1}, and −1 for x ≥ 3. Scores are normalised to
 * {@code 100·(S − S_null)/(S_perfect − S_null)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class NabScorer {
  private static final double MAX_TP = scaledSigmoid(-1.0);

  private NabScorer() {}

  /**
   * A corpus score.
   *
   * @param threshold the threshold the detections were taken at
   * @param raw the summed raw score
   * @param normalised 100·(raw − null)/(perfect − null)
   * @param detectedWindows windows with at least one scored detection
   * @param missedWindows scored windows without a detection
   * @param falsePositives scored detections outside every window
   */
  public record Score(double threshold, double raw, double normalised, int detectedWindows, int missedWindows,
      int falsePositives) {}

  /** Rows at the start of a file of {@code rows} rows that NAB does not score. */
  public static int probationRows(int rows) {
    // NAB: min(floor(0.15 n), 0.15 * 5000); kept in double arithmetic so 0.15*n rounds as it does there.
    return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
  }

  /** NAB's scaled sigmoid of a position relative to a window. */
  static double scaledSigmoid(double position) {
    if (position >= 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
  }

  /** Per-row scoring facts of one file: which window a row is in and its unweighted sigmoid score. */
  private record Rows(int probation, int[] windowOf, double[] sigmoid, boolean[] windowScored) {
    static Rows of(NabLabels labels) {
      int n = labels.rows();
      int[] windowOf = new int[n];
      double[] sig = new double[n];
      Arrays.fill(windowOf, -1);
      int probation = probationRows(n);
      List<NabWindow> windows = labels.windows();
      boolean[] scored = new boolean[windows.size()];
      int next = 0;
      int prevRight = -1;
      int prevWidth = 0;
      int i = 0;
      while (i < n) {
        if (next < windows.size() && i == windows.get(next).first()) {
          NabWindow w = windows.get(next);
          for (int j = w.first(); j <= w.last(); j++) {
            windowOf[j] = next;
            sig[j] = scaledSigmoid(-(w.last() - j + 1) / (double) w.width());
          }
          scored[next] = w.last() >= probation;
          prevRight = w.last();
          prevWidth = w.width();
          next++;
          i = w.last() + 1;
          continue;
        }
        // Outside windows: "very far" before the first window; after one, distance relative to its width.
        sig[i] = prevRight < 0 ? -1.0 : scaledSigmoid(Math.abs(prevRight - i) / (double) (prevWidth - 1));
        i++;
      }
      return new Rows(probation, windowOf, sig, scored);
    }

    double weighted(int row, NabProfile p) {
      return windowOf[row] >= 0 ? sigmoid[row] * p.truePositiveWeight() / MAX_TP
          : sigmoid[row] * p.falsePositiveWeight();
    }

    int scoredWindows() {
      int c = 0;
      for (boolean b : windowScored) {
        c += b ? 1 : 0;
      }
      return c;
    }
  }

  /** The best possible raw score of the corpus: every window detected at its first row. */
  public static double perfectScore(List<NabLabels> corpus, NabProfile profile) {
    int windows = 0;
    for (NabLabels l : corpus) {
      windows += l.windows().size();
    }
    return windows * profile.truePositiveWeight();
  }

  /** The raw score of a detector that never fires: every scored window missed. */
  public static double nullScore(List<NabLabels> corpus, NabProfile profile) {
    int windows = 0;
    for (NabLabels l : corpus) {
      windows += Rows.of(l).scoredWindows();
    }
    return -windows * profile.falseNegativeWeight();
  }

  /** Scores the runs at one threshold (detection: score ≥ threshold). */
  public static Score score(List<NabRun> runs, NabProfile profile, double threshold) {
    Objects.requireNonNull(runs, "runs");
    Objects.requireNonNull(profile, "profile");
    double raw = 0;
    int detected = 0;
    int missed = 0;
    int fps = 0;
    for (NabRun run : runs) {
      Rows rows = Rows.of(run.labels());
      double[] best = new double[run.labels().windows().size()];
      Arrays.fill(best, Double.NaN);
      double[] s = run.scores();
      for (int i = rows.probation(); i < s.length; i++) {
        if (!(s[i] >= threshold)) {
          continue;
        }
        int w = rows.windowOf()[i];
        double v = rows.weighted(i, profile);
        if (w < 0) {
          raw += v;
          fps++;
        } else if (Double.isNaN(best[w]) || v > best[w]) {
          best[w] = v;
        }
      }
      for (int w = 0; w < best.length; w++) {
        if (!rows.windowScored()[w]) {
          continue;
        }
        if (Double.isNaN(best[w])) {
          raw -= profile.falseNegativeWeight();
          missed++;
        } else {
          raw += Math.max(best[w], -profile.falseNegativeWeight());
          detected++;
        }
      }
    }
    return new Score(threshold, raw, normalise(raw, runs, profile), detected, missed, fps);
  }

  /**
   * Finds the threshold with the best corpus score, as NAB does: every distinct score value (and "above all
   * scores") is a candidate; ties go to the higher threshold.
   */
  public static Score optimise(List<NabRun> runs, NabProfile profile) {
    Objects.requireNonNull(runs, "runs");
    int total = 0;
    int windows = 0;
    List<Rows> rowsOf = new ArrayList<>(runs.size());
    int[] windowBase = new int[runs.size()];
    for (int f = 0; f < runs.size(); f++) {
      Rows r = Rows.of(runs.get(f).labels());
      rowsOf.add(r);
      total += runs.get(f).scores().length - r.probation();
      windowBase[f] = windows;
      windows += runs.get(f).labels().windows().size();
    }
    // Candidate rows sorted by score, highest first, as (score, file, row) in parallel arrays.
    double[] score = new double[total];
    long[] where = new long[total];
    int k = 0;
    for (int f = 0; f < runs.size(); f++) {
      double[] s = runs.get(f).scores();
      for (int i = rowsOf.get(f).probation(); i < s.length; i++) {
        score[k] = s[i];
        where[k] = ((long) f << 32) | i;
        k++;
      }
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));

    double[] best = new double[windows];
    boolean[] counted = new boolean[windows];
    double current = 0;
    for (int f = 0; f < runs.size(); f++) {
      boolean[] scored = rowsOf.get(f).windowScored();
      for (int w = 0; w < scored.length; w++) {
        if (scored[w]) {
          counted[windowBase[f] + w] = true;
          best[windowBase[f] + w] = -profile.falseNegativeWeight();
          current -= profile.falseNegativeWeight();
        }
      }
    }
    double bestThreshold = Double.POSITIVE_INFINITY;
    double bestRaw = current;
    int idx = 0;
    while (idx < total) {
      double level = score[order[idx]];
      if (Double.isNaN(level)) {
        break;
      }
      while (idx < total && score[order[idx]] == level) {
        long w0 = where[order[idx]];
        int f = (int) (w0 >>> 32);
        int row = (int) w0;
        Rows rows = rowsOf.get(f);
        double v = rows.weighted(row, profile);
        int w = rows.windowOf()[row];
        if (w < 0) {
          current += v;
        } else {
          int g = windowBase[f] + w;
          if (counted[g] && v > best[g]) {
            current += v - best[g];
            best[g] = v;
          }
        }
        idx++;
      }
      if (current > bestRaw) {
        bestRaw = current;
        bestThreshold = level;
      }
    }
    // Re-score at the chosen threshold for the counts; the raw score is the same by construction.
    return score(runs, profile, bestThreshold);
  }

  private static double normalise(double raw, List<NabRun> runs, NabProfile profile) {
    List<NabLabels> labels = new ArrayList<>(runs.size());
    for (NabRun r : runs) {
      labels.add(r.labels());
    }
    double nul = nullScore(labels, profile);
    double perfect = perfectScore(labels, profile);
    return 100.0 * (raw - nul) / (perfect - nul);
  }
}
