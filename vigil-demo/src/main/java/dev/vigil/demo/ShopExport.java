package dev.vigil.demo;

import dev.vigil.demo.metrics.OpenMetricsHistory;
import dev.vigil.demo.repository.ShopRepository;
import dev.vigil.demo.shop.Scenario;
import dev.vigil.demo.shop.Shop;
import dev.vigil.demo.shop.ShopSimulator;
import dev.vigil.demo.shop.TimedEffect;
import dev.vigil.demo.shop.Traffic;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./vigil demo export --out DIR}: the benchmark's scenario directory, simulated without any
 * running environment. Two weeks of the shop's metrics (a routine week, then the benchmark week, so every
 * case has a week-ago baseline) as OpenMetrics, the catalog of its repository, the deploy watch's signal
 * templates and one line per case. The same seed and start give the same bytes.
 *
 * <pre>
 * DIR/metrics/shop.om      OpenMetrics with timestamps, for promtool tsdb create-blocks-from openmetrics
 * DIR/catalog/...          every catalog-info.yaml of the repository, at its path, and CODEOWNERS
 * DIR/signals.yaml         the prometheus-http signal templates ($service, $window)
 * DIR/scenarios.jsonl      {"id","service","deployedAt","expected"} per case
 * </pre>
 */
public final class ShopExport {
  /** A Monday: the routine week starts here, the benchmark week seven days later. */
  static final Instant DEFAULT_START = Instant.parse("2026-11-02T00:00:00Z");

  private ShopExport() {
  }

  record Options(Path out, long seed, Instant start, Duration step) {
  }

  static final String USAGE = """
      usage: vigil demo export --out DIR [--seed N] [--start 2026-11-02T00:00:00Z] [--step 1m]
        --out DIR     where to write metrics/shop.om, catalog/, signals.yaml and scenarios.jsonl
        --seed N      the simulation's seed (default 42): the same seed gives the same files
        --start T     the first instant of the two weeks written (RFC 3339, default 2026-11-02T00:00:00Z)
        --step D      one sample per series per D (default 1m; 15s, 30s, 1m, 2m or 5m)
      """;

  static Options parse(String[] args) {
    Path out = null;
    long seed = 42;
    Instant start = DEFAULT_START;
    Duration step = Duration.ofMinutes(1);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help")) {
        throw new ShopMain.UsageException(null);
      }
      if (i + 1 >= args.length) {
        throw new ShopMain.UsageException(a + " needs a value");
      }
      String v = args[++i];
      try {
        switch (a) {
          case "--out" -> out = Path.of(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--start" -> start = Instant.parse(v);
          case "--step" -> step = switch (v) {
            case "15s" -> Duration.ofSeconds(15);
            case "30s" -> Duration.ofSeconds(30);
            case "1m" -> Duration.ofMinutes(1);
            case "2m" -> Duration.ofMinutes(2);
            case "5m" -> Duration.ofMinutes(5);
            default -> throw new ShopMain.UsageException("--step is 15s, 30s, 1m, 2m or 5m, not " + v);
          };
          default -> throw new ShopMain.UsageException("unknown option " + a);
        }
      } catch (NumberFormatException | DateTimeParseException | java.nio.file.InvalidPathException e) {
        throw new ShopMain.UsageException(a + ": cannot read '" + v + "' (" + e.getMessage() + ")");
      }
    }
    if (out == null) {
      throw new ShopMain.UsageException("--out DIR is required");
    }
    if (start.getEpochSecond() % 60 != 0) {
      throw new ShopMain.UsageException("--start must be on a whole minute, got " + start);
    }
    return new Options(out, seed, start, step);
  }

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = parse(args);
    } catch (ShopMain.UsageException e) {
      System.err.print((e.getMessage() == null ? "" : "vigil demo export: " + e.getMessage() + "\n\n") + USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    export(options, System.err);
  }

  /** Writes the scenario directory; returns the number of cases. */
  static int export(Options o, PrintStream progress) throws IOException {
    long started = System.nanoTime();
    Shop shop = Shop.standard();
    Instant benchmarkStart = o.start().plus(Duration.ofDays(7));
    Instant end = o.start().plus(Duration.ofDays(14));
    List<TimedEffect> effects = new ArrayList<>(Scenario.pastWeek(shop, benchmarkStart, ZoneOffset.UTC));
    effects.removeIf(e -> e.at().isBefore(o.start()));
    effects.addAll(Scenario.benchmarkTimeline(shop, o.seed(), benchmarkStart));
    List<Scenario.BenchmarkDeploy> cases = Scenario.benchmarkWeek(shop, o.seed(), benchmarkStart);
    Files.createDirectories(o.out().resolve("metrics"));

    progress.printf("export: simulating 14 days from %s (seed %d), one sample per %ds...%n", o.start(), o.seed(),
        o.step().toSeconds());
    ShopSimulator simulator = new ShopSimulator(shop, new Traffic(120, ZoneOffset.UTC), o.seed(), o.start(), effects,
        ShopMain.FLAGS);
    OpenMetricsHistory history = ShopMain.simulate(simulator, end.minus(ShopSimulator.TICK), o.step());
    try (BufferedWriter out = Files.newBufferedWriter(o.out().resolve("metrics/shop.om"), StandardCharsets.UTF_8)) {
      history.write(out);
    }
    progress.printf("export: wrote %,d samples to %s%n", history.samples(), o.out().resolve("metrics/shop.om"));

    writeCatalog(shop, o, effects);
    Files.writeString(o.out().resolve("signals.yaml"), SIGNALS, StandardCharsets.UTF_8);
    StringBuilder lines = new StringBuilder();
    for (Scenario.BenchmarkDeploy c : cases) {
      lines.append("{\"id\":\"").append(ShopRepository.tagOf(c.deploy())).append("\",\"service\":\"")
          .append(c.deploy().service()).append("\",\"deployedAt\":\"").append(c.effect().at())
          .append("\",\"expected\":\"").append(c.expectedFail() ? "fail" : "pass").append("\"}\n");
    }
    Files.writeString(o.out().resolve("scenarios.jsonl"), lines.toString(), StandardCharsets.UTF_8);
    long fails = cases.stream().filter(Scenario.BenchmarkDeploy::expectedFail).count();
    progress.printf("export: %d deploys (%d expected to fail, %d to pass) in %s; done in %.1f s%n", cases.size(),
        fails, cases.size() - fails, o.out(), (System.nanoTime() - started) / 1e9);
    return cases.size();
  }

  /** The repository is written to a scratch folder and its catalog files copied out at their paths. */
  private static void writeCatalog(Shop shop, Options o, List<TimedEffect> effects) throws IOException {
    Path scratch = Files.createTempDirectory("vigil-shop-repo");
    try {
      ShopRepository repo = ShopRepository.write(scratch.resolve("shop"), shop, o.seed(), o.start(), effects,
          ShopMain.FLAGS);
      Path catalog = o.out().resolve("catalog");
      List<Path> files;
      try (Stream<Path> walk = Files.walk(repo.directory())) {
        files = walk.filter(p -> p.getFileName().toString().equals("catalog-info.yaml")).sorted().toList();
      }
      for (Path f : files) {
        Path target = catalog.resolve(repo.directory().relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Files.copy(repo.directory().resolve(".github/CODEOWNERS"), catalog.resolve("CODEOWNERS"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      try (Stream<Path> walk = Files.walk(scratch)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The deploy watch's {@code prometheus-http} set as templates (docs/deploy-watch.md, "Signal sets"). */
  static final String SIGNALS = """
      # The shop's golden signals for the deploy watch: $service is the deploy's service, $window the rate window.
      signals:
        - name: latency_p99
          query: histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service="$service"}[$window])))
          direction: higher-is-worse
          tolerance: 20%,3sd
          unit: s
        - name: error_ratio
          query: sum(rate(http_server_requests_total{service="$service",code=~"5.."}[$window])) / sum(rate(http_server_requests_total{service="$service"}[$window]))
          direction: higher-is-worse
          tolerance: 0.005,3sd
          unit: ratio
        - name: traffic
          query: sum(rate(http_server_requests_total{service="$service"}[$window]))
          direction: lower-is-worse
          tolerance: 50%
          unit: /s
      """;
}
