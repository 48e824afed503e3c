package dev.vigil.bench.engine;

import dev.vigil.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./vigil bench engine}: standby agents (heap per agent, startup to ready), webhook to
 * first step latency at fixed rates, checkpointed steps per second and idle RSS, on H2 and on
 * PostgreSQL, each the median of several rounds. Writes {@code target/bench/engine.json} and a
 * Markdown table to {@code target/bench/engine.md}.
 */
public final class EngineBench {
  /** Flyway reports every migration of every fresh database; held so the level sticks. */
  private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");
  private static final Duration READY_WITHIN = Duration.ofMinutes(3);
  /** Time the server is left idle after ready before RSS and heap are read. */
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private final EngineBenchOptions options;
  private final BenchSetup setup;

  private EngineBench(EngineBenchOptions options, BenchSetup setup) {
    this.options = options;
    this.setup = setup;
  }

  public static void main(String[] args) throws Exception {
    FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
    if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
      System.out.println(EngineBenchOptions.USAGE);
      return;
    }
    EngineBenchOptions options;
    try {
      options = EngineBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench engine: " + e.getMessage());
      System.err.println(EngineBenchOptions.USAGE);
      System.exit(64);
      return;
    }
    Path out = Path.of("target/bench");
    Path work = Files.createDirectories(out.resolve("engine-work"));
    BenchSetup setup = BenchSetup.fromEnvironment(work);
    BenchDatabase.keep = options.keep();
    List<String> databases = options.databases(setup.postgresUrl().isPresent());
    Map<String, Object> result = new EngineBench(options, setup).run(databases);
    Files.writeString(out.resolve("engine.json"),
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    String table = EngineBenchReport.markdown(result, databases);
    if (options.parts().contains("events")) {
      System.out.println("wrote " + EngineBenchReport.latencyChart(result, databases));
    }
    Files.writeString(out.resolve("engine.md"), table);
    System.out.println();
    System.out.println(table);
    System.out.println("wrote target/bench/engine.json and target/bench/engine.md");
    if (!options.keep()) deleteTree(work);
  }

  private Map<String, Object> run(List<String> databases) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", System.getProperty("java.version"), "serverJvmOptions", String.join(" ", setup.jvmOptions())));
    result.put("rounds", options.rounds());
    Map<String, Object> standby = new LinkedHashMap<>();
    Map<String, Object> latency = new LinkedHashMap<>();
    Map<String, Object> steps = new LinkedHashMap<>();
    Map<String, Object> rss = new LinkedHashMap<>();
    for (String db : databases) {
      say("== " + db + " ==");
      if (options.parts().contains("standby")) {
        Map<String, Object> s = standbyAgents(db);
        rss.put(db, s.remove("idleRssMbEmpty"));
        standby.put(db, s);
      }
      if (options.parts().contains("events")) latency.put(db, eventToRunStart(db));
      if (options.parts().contains("steps")) steps.put(db, stepsPerSecond(db));
    }
    result.put("standbyAgents", standby);
    result.put("eventToRunStartMs", latency);
    result.put("stepsPerSecond", steps);
    result.put("idleRssMb", rss);
    return result;
  }

  /** Servers on an empty database, then on one with {@code agents} standby agents. */
  private Map<String, Object> standbyAgents(String kind) throws Exception {
    List<Double> emptyReady = new ArrayList<>();
    List<Double> emptyRss = new ArrayList<>();
    List<Double> emptyHeap = new ArrayList<>();
    try (BenchDatabase db = BenchDatabase.create(kind, setup, "empty")) {
      db.open().close(); // migrated beforehand, as the loaded database is
      for (int r = 1; r <= options.rounds(); r++) {
        try (ServerProcess server = start(db, "empty-" + r)) {
          Thread.sleep(SETTLE.toMillis());
          emptyReady.add(server.readySeconds());
          emptyRss.add(server.rssMb());
          emptyHeap.add((double) server.liveHeapBytes(setup.jcmd()));
          say(String.format("  empty database, round %d: ready in %.2f s, RSS %.0f MiB, live heap %.1f MiB", r,
              server.readySeconds(), emptyRss.getLast(), emptyHeap.getLast() / 1048576));
        }
      }
    }
    List<Double> ready = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    List<Double> heap = new ArrayList<>();
    double seedSeconds;
    try (BenchDatabase db = BenchDatabase.create(kind, setup, "standby")) {
      long t0 = System.nanoTime();
      try (Database d = db.open()) {
        int step = Math.max(1, options.agents() / 10);
        StandbyAgents.seed(d, db.workspaces(), options.agents(), n -> {
          if (n % step == 0 || n == options.agents()) {
            say(String.format("  seeding standby agents: %,d of %,d (%.0f s)", n, options.agents(), (System.nanoTime() - t0) / 1e9));
          }
        });
      }
      seedSeconds = (System.nanoTime() - t0) / 1e9;
      for (int r = 1; r <= options.rounds(); r++) {
        try (ServerProcess server = start(db, "standby-" + r)) {
          Thread.sleep(SETTLE.toMillis());
          ready.add(server.readySeconds());
          rss.add(server.rssMb());
          heap.add((double) server.liveHeapBytes(setup.jcmd()));
          say(String.format("  %,d standby agents, round %d: ready in %.2f s, RSS %.0f MiB, live heap %.1f MiB",
              options.agents(), r, server.readySeconds(), rss.getLast(), heap.getLast() / 1048576));
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("agents", options.agents());
    out.put("heapBytesPerAgent", round1((median(heap) - median(emptyHeap)) / options.agents()));
    out.put("startupToReadySeconds", round2(median(ready)));
    out.put("startupToReadySecondsEmpty", round2(median(emptyReady)));
    out.put("liveHeapMb", round1(median(heap) / 1048576));
    out.put("liveHeapMbEmpty", round1(median(emptyHeap) / 1048576));
    out.put("rssMb", round1(median(rss)));
    out.put("seedSeconds", round1(seedSeconds));
    out.put("idleRssMbEmpty", round1(median(emptyRss)));
    return out;
  }

  private Map<String, Object> eventToRunStart(String kind) throws Exception {
    Map<Integer, List<double[]>> perRate = new LinkedHashMap<>();
    Map<Integer, List<EventLoad.Sent>> sentPerRate = new LinkedHashMap<>();
    Map<Integer, Integer> notStarted = new LinkedHashMap<>();
    for (int r = 1; r <= options.rounds(); r++) {
      try (BenchDatabase db = BenchDatabase.create(kind, setup, "events")) {
        try (Database d = db.open()) {
          InProcessEngine.on(d, db.workspaces(), List.of()).saveAgent(EventLoad.listener());
        }
        try (ServerProcess server = start(db, "events-" + r)) {
          // Warm-up at a low rate, not measured: the first requests pay for class loading and JIT.
          EventLoad.send(server, "warmup", 100, 300, Duration.ofSeconds(10));
          EventLoad.awaitQuiet(server);
          for (int rate : options.rates()) {
            String phase = rate + "-" + r;
            EventLoad.Sent sent = EventLoad.send(server, phase, rate, rate * options.eventSeconds(),
                Duration.ofSeconds(options.eventSeconds() + 5L));
            long queued = EventLoad.drain(server, Duration.ofMinutes(3));
            EventLoad.awaitQuiet(server);
            sentPerRate.computeIfAbsent(rate, k -> new ArrayList<>()).add(sent);
            say(String.format("  %d events/s, round %d: sent %d in %.1f s (%.0f/s), answered p50 %.1f ms p99 %.1f ms,"
                    + " %d refused, %d sender stalls%s", rate, r, sent.accepted() + sent.refused(), sent.seconds(),
                sent.achievedRate(), percentile(sent.answerMillis(), 50), percentile(sent.answerMillis(), 99),
                sent.refused(), sent.senderStalls(),
                queued > 0 ? ", " + queued + " runs still queued after 3 min" : ""));
          }
        }
        try (Database d = db.open()) {
          EventLoad.Latencies lat = EventLoad.read(d);
          for (int rate : options.rates()) {
            String phase = rate + "-" + r;
            double[] ms = lat.byPhase().getOrDefault(phase, new double[0]);
            perRate.computeIfAbsent(rate, k -> new ArrayList<>()).add(ms);
            notStarted.merge(rate, lat.notStarted().getOrDefault(phase, 0), Integer::sum);
            double[] queued = lat.queuedByPhase().getOrDefault(phase, new double[0]);
            say(String.format("  %d events/s, round %d: event to first step p50 %.1f ms, p99 %.1f ms (%d runs);"
                    + " of it queued p50 %.1f ms, p99 %.1f ms", rate, r, percentile(ms, 50), percentile(ms, 99), ms.length,
                percentile(queued, 50), percentile(queued, 99)));
          }
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int rate : options.rates()) {
      List<double[]> rounds = perRate.get(rate);
      List<EventLoad.Sent> sent = sentPerRate.get(rate);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("p50", round1(median(rounds.stream().map(ms -> percentile(ms, 50)).toList())));
      m.put("p99", round1(median(rounds.stream().map(ms -> percentile(ms, 99)).toList())));
      m.put("max", round1(median(rounds.stream().map(ms -> percentile(ms, 100)).toList())));
      m.put("eventsPerRound", rate * options.eventSeconds());
      m.put("achievedRate", round1(median(sent.stream().map(EventLoad.Sent::achievedRate).toList())));
      m.put("refused", sent.stream().mapToInt(EventLoad.Sent::refused).sum());
      m.put("notStarted", notStarted.get(rate));
      m.put("answerP99Ms", round1(median(sent.stream().map(s -> percentile(s.answerMillis(), 99)).toList())));
      out.put(String.valueOf(rate), m);
    }
    return out;
  }

  private double stepsPerSecond(String kind) throws Exception {
    List<Double> rounds = new ArrayList<>();
    try (BenchDatabase db = BenchDatabase.create(kind, setup, "steps")) {
      StepThroughput bench = new StepThroughput(db.open(), db.workspaces());
      try {
        bench.round(options.runsPerRound(), options.stepsPerRun(), Duration.ofMinutes(5)); // warm-up (JIT), not counted
        for (int r = 1; r <= options.rounds(); r++) {
          rounds.add(bench.round(options.runsPerRound(), options.stepsPerRun(), Duration.ofMinutes(10)));
          say(String.format("  steps, round %d: %d runs x %d steps, %.0f steps/s", r, options.runsPerRound(),
              options.stepsPerRun(), rounds.getLast()));
        }
      } finally {
        bench.close();
      }
    }
    return Math.round(median(rounds));
  }

  private ServerProcess start(BenchDatabase db, String label) throws IOException, InterruptedException {
    Path log = db.dataDir().resolve("server-" + label + ".log");
    try {
      return ServerProcess.start(setup, db.serverEnv(), log, READY_WITHIN);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(db.kind() + ": " + e.getMessage(), e);
    }
  }

  static double percentile(double[] values, double p) {
    if (values.length == 0) return Double.NaN;
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) return Double.NaN;
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
