package dev.vigil.bench.scorer;

import dev.vigil.analysis.anomaly.RankAnomalyScorer;
import dev.vigil.analysis.logs.LogTemplateMiner;
import dev.vigil.analysis.logs.MinerSettings;
import dev.vigil.bench.charts.BarChart;
import dev.vigil.bench.nab.NabBench;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./vigil bench scorer}: cost per point of {@link RankAnomalyScorer} at its default settings (histories
 * full, a noisy daily-seasonal series with occasional spikes) and cost per line of the log template miner, on
 * one thread.
 *
 * <p>Method: rounds of one million points (lines) each, five warm-up rounds so the JIT has compiled the hot
 * path, then fifteen measured rounds; the median round is reported with the fastest and slowest. A plain
 * timing loop rather than JMH's annotation-driven harness, because that needs an annotation processor the
 * offline build does not have; every result feeds a checksum that is printed, so the JIT cannot drop the work.
 */
public final class ScorerBench {
  private static final int ROUND = 1_000_000;
  private static final int WARMUP = 5;
  private static final int MEASURED = 15;
  private static final String[] LINES = {
    "Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010",
    "PacketResponder 1 for block blk_38865049064139660 terminating",
    "BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.73.220:50010 is added to blk_712837 size 67108864",
    "Verification succeeded for blk_-4980916519894289629",
    "session opened for user root by (uid=0)",
    "Failed password for invalid user test from 183.62.140.253 port 48338 ssh2",
  };

  private ScorerBench() {}

  /** Entry point; no arguments. */
  public static void main(String[] args) {
    if (args.length > 0) {
      System.err.println("vigil bench: scorer takes no arguments, got '" + args[0] + "'");
      System.exit(64);
    }
    double[] series = seasonalSeries(1 << 20, 42);
    RankAnomalyScorer scorer = new RankAnomalyScorer();
    long[] t = new long[] {0};
    double[] checksum = {0};
    double[] pointNanos = rounds("scorer", () -> {
      for (int k = 0; k < ROUND; k++) {
        long i = t[0]++;
        checksum[0] += scorer.score(Instant.EPOCH.plusSeconds(60 * i), series[(int) (i & (series.length - 1))]);
      }
    });
    LogTemplateMiner miner = new LogTemplateMiner(MinerSettings.DEFAULT);
    long[] ids = {0};
    double[] lineNanos = rounds("miner", () -> {
      for (int k = 0; k < ROUND; k++) {
        ids[0] += miner.add(LINES[k % LINES.length]).templateId();
      }
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("microsPerPoint", NabBench.roundTo(pointNanos[1] / 1000.0, 4));
    out.put("microsPerPointFastest", NabBench.roundTo(pointNanos[0] / 1000.0, 4));
    out.put("microsPerPointSlowest", NabBench.roundTo(pointNanos[2] / 1000.0, 4));
    out.put("microsPerLogLine", NabBench.roundTo(lineNanos[1] / 1000.0, 4));
    out.put("logLinesPerSecond", Math.round(1e9 / lineNanos[1]));
    out.put("method", "median of " + MEASURED + " rounds of " + ROUND + " calls after " + WARMUP
        + " warm-up rounds, one thread");
    System.out.printf(Locale.ROOT, "scorer: %.3f microseconds per point (fastest %.3f, slowest %.3f; target <= 5)%n",
        pointNanos[1] / 1000.0, pointNanos[0] / 1000.0, pointNanos[2] / 1000.0);
    System.out.printf(Locale.ROOT, "miner:  %.3f microseconds per line (%.0f lines per second)%n",
        lineNanos[1] / 1000.0, 1e9 / lineNanos[1]);
    System.out.printf(Locale.ROOT, "(checksums %.3f %d)%n", checksum[0], ids[0]);
    NabBench.write("scorer", out);
    List<double[]> both = List.of(pointNanos, lineNanos);
    new BarChart(String.format(Locale.ROOT, "Cost per call, one thread: %d rounds of %,d calls", MEASURED, ROUND),
        "microseconds", List.of("anomaly scorer, per point", "log template miner, per line"))
        .series("fastest round", both.stream().map(r -> r[0] / 1000.0).toList())
        .series("median round", both.stream().map(r -> r[1] / 1000.0).toList())
        .series("slowest round", both.stream().map(r -> r[2] / 1000.0).toList())
        .target("target 5 µs (scorer per point; miner 200,000 lines/s)", 5)
        .write("scorer");
  }

  /** Runs warm-up and measured rounds; returns {fastest, median, slowest} nanoseconds per call. */
  private static double[] rounds(String name, Runnable round) {
    for (int w = 0; w < WARMUP; w++) {
      round.run();
    }
    double[] perCall = new double[MEASURED];
    for (int m = 0; m < MEASURED; m++) {
      long start = System.nanoTime();
      round.run();
      perCall[m] = (System.nanoTime() - start) / (double) ROUND;
      System.out.printf(Locale.ROOT, "%s: round %d/%d %.1f ns per call%n", name, m + 1, MEASURED, perCall[m]);
    }
    Arrays.sort(perCall);
    return new double[] {perCall[0], perCall[MEASURED / 2], perCall[MEASURED - 1]};
  }

  /** A daily-seasonal series (288 five-minute points a day) with Gaussian noise and a spike every 997 points. */
  static double[] seasonalSeries(int n, long seed) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 100 + 20 * Math.sin(2 * Math.PI * i / 288.0) + 5 * r.nextGaussian() + (i % 997 == 0 ? 80 : 0);
    }
    return x;
  }
}
