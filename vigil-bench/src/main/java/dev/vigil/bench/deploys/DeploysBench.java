package dev.vigil.bench.deploys;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.bench.charts.BarChart;
import dev.vigil.bench.nab.NabBench;
import dev.vigil.core.Durations;
import dev.vigil.core.port.MetricSource;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import dev.vigil.tasks.deploywatch.DeployBacktest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./vigil bench deploys --scenarios DIR}: loads the scenario's metrics into a real Prometheus,
 * backtests every labelled deploy with the deploy watch's own check (as of +early and +late, reading
 * nothing after each check's time) and writes {@code target/bench/deploys.json} and {@code deploys.png}.
 */
public final class DeploysBench {
  static final String USAGE = """
      usage: ./vigil bench deploys --scenarios DIR [--early 5m] [--late 15m] [--before 30m] [--rate-window 2m]
                                   [--step 1m]
        DIR    metrics/*.om[.gz], signals.yaml, scenarios.jsonl ({"id","service","deployedAt","expected"})
        --step resolution of the checks' queries; keep it at the metrics' own (1m for the demo's history) so
               that no sample is counted twice""";

  private DeploysBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println(USAGE);
        return;
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.println("bench deploys: " + (args[i].startsWith("--") ? args[i] + " needs a value"
            : "unexpected '" + args[i] + "'") + "\n" + USAGE);
        System.exit(64);
      }
      o.put(args[i], args[++i]);
    }
    if (!o.containsKey("--scenarios")) {
      System.err.println("bench deploys: --scenarios DIR is required (a directory exported from the demo shop or"
          + " your own history; see docs/benchmarks.md)\n" + USAGE);
      System.exit(64);
    }
    DeployScenarios scenarios;
    DeployBacktest.Settings settings;
    try {
      scenarios = DeployScenarios.read(Path.of(o.remove("--scenarios")));
      settings = new DeployBacktest.Settings(scenarios.signals(), List.of(d(o, "--early", "5m"), d(o, "--late", "15m")),
          d(o, "--before", "30m"), d(o, "--rate-window", "2m"), d(o, "--step", "1m"));
      if (!o.isEmpty()) {
        throw new IllegalArgumentException("unknown option " + o.keySet().iterator().next());
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bench deploys: " + e.getMessage());
      System.exit(64);
      return;
    }
    System.out.println("deploys: " + scenarios.cases().size() + " labelled deploys, " + scenarios.metrics().size()
        + " metrics file(s), loading into Prometheus");
    long started = System.nanoTime();
    DeployScore score;
    try (LoadedPrometheus prometheus = LoadedPrometheus.start(root(), scenarios.metrics())) {
      MetricSource source = new PrometheusMetricSource("bench",
          PrometheusClient.create(PrometheusConfig.of(prometheus.url())));
      score = run(source, scenarios, settings);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.putAll(score.json());
    out.put("scenarios", scenarios.dir().toAbsolutePath().toString());
    out.put("settings", Map.of("early", settings.checks().get(0).toString(), "late", settings.checks().get(1).toString(),
        "before", settings.before().toString(), "rateWindow", settings.rateWindow().toString(),
        "step", settings.step().toString(), "signals", scenarios.signals().stream().map(s -> s.name()).toList()));
    out.put("seconds", NabBench.roundTo((System.nanoTime() - started) / 1e9, 1));
    NabBench.write("deploys", out);
    System.out.printf(Locale.ROOT, "deploys: recall %.3f, false-fail rate %.3f, marginal %d, not enough data %d%n",
        score.recall(), score.falseFailRate(), score.count(Verdict.MARGINAL), score.count(Verdict.NOT_ENOUGH_DATA));
    chart(score);
  }

  /** Judges every case as of its checks; a case whose checks cannot run is NOT ENOUGH DATA with the reason printed. */
  static DeployScore run(MetricSource source, DeployScenarios scenarios, DeployBacktest.Settings settings)
      throws Exception {
    DeployBacktest backtest = new DeployBacktest();
    List<DeployScore.Judged> judged = new ArrayList<>();
    Duration last = settings.checks().getLast();
    for (DeployScenarios.Case c : scenarios.cases()) {
      DeployBacktest.Outcome outcome = backtest.evaluate(source,
          new DeployBacktest.PastDeploy(c.service(), c.deployedAt(), "scenario"), settings, c.deployedAt().plus(last));
      Verdict v = outcome.verdict().orElse(Verdict.NOT_ENOUGH_DATA);
      long minute = outcome.decidingCheck().map(k -> k.delay().toMinutes()).orElse(-1L);
      judged.add(new DeployScore.Judged(c.id(), c.expectFail(), v, minute));
      System.out.printf(Locale.ROOT, "  %-28s %-10s expected %-4s -> %s at +%dm%n", c.id(), c.service(),
          c.expectFail() ? "fail" : "pass", v.name().toLowerCase(Locale.ROOT), minute);
    }
    return new DeployScore(judged);
  }

  private static void chart(DeployScore score) {
    List<DeployScore.Judged> bad = score.cases().stream().filter(DeployScore.Judged::expectFail).toList();
    List<DeployScore.Judged> good = score.cases().stream().filter(c -> !c.expectFail()).toList();
    BarChart chart = new BarChart("Deploy watch backtested on " + score.cases().size() + " labelled deploys",
        "share of deploys", List.of("expected fail (" + bad.size() + ")", "expected pass (" + good.size() + ")"));
    for (Verdict v : Verdict.values()) {
      chart.series("judged " + v.name().toLowerCase(Locale.ROOT).replace('_', ' '), List.of(share(bad, v), share(good, v)));
    }
    chart.target("target recall 0.95", 0.95).target("target false-fail rate 0.02", 0.02).yMax(1.0).write("deploys");
  }

  private static double share(List<DeployScore.Judged> cases, Verdict v) {
    return cases.isEmpty() ? Double.NaN : (double) cases.stream().filter(c -> c.verdict() == v).count() / cases.size();
  }

  private static Duration d(Map<String, String> o, String option, String otherwise) {
    String v = o.remove(option);
    return Durations.parse(v == null ? otherwise : v, option);
  }

  /** The repository root, holding {@code scripts/}: the launcher runs benches from there. */
  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/prometheus.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no scripts/prometheus.sh above " + Path.of("").toAbsolutePath());
  }
}
