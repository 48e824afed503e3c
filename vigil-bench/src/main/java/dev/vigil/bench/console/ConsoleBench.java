package dev.vigil.bench.console;

import dev.vigil.bench.engine.BenchDatabase;
import dev.vigil.bench.engine.BenchSetup;
import dev.vigil.bench.engine.ServerProcess;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import dev.vigil.store.Database;
import dev.vigil.store.JdbcRunStore;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./vigil bench console}: 1,000 agents (applied through the API, so each has its schedule),
 * 10,000 runs and 100,000 findings in a fresh PostgreSQL database, served by a real server process
 * started as {@code ./vigil start} starts it; then, logged in through the console's login form, the
 * time of each main page from request to last byte over loopback (an upper bound of the server's
 * time: no browser, no network), median and p99 of {@value #MEASURED} requests per page after
 * {@value #WARMUP} warm-up rounds over every page, one request at a time. Writes {@code target/bench/console.json}.
 */
public final class ConsoleBench {
  static final int AGENTS = 1_000;
  static final int RUNS_PER_AGENT = 10;
  static final int FINDINGS = 100_000;
  static final int SERVICES = 200;
  /** Rounds over every page before any is measured, so the first page measured is not the JIT's first. */
  static final int WARMUP = 60;
  static final int MEASURED = 200;
  /** Issue 9's target for the first page. */
  static final double TARGET_MS = 300;

  private ConsoleBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && !args[0].isBlank()) {
      System.out.println("usage: ./vigil bench console   (needs the launcher's PostgreSQL; no options)");
      System.exit(args[0].equals("--help") || args[0].equals("-h") ? 0 : 2);
    }
    Path work = Files.createDirectories(Path.of("target", "bench", "console-work"));
    BenchSetup setup = BenchSetup.fromEnvironment(work);
    Map<String, Object> report = new LinkedHashMap<>();
    try (BenchDatabase database = BenchDatabase.create("postgres", setup, "console")) {
      long t0 = System.nanoTime();
      try (Database db = database.open()) {
        seedRuns(db);
        seedFindings(db);
      }
      double seedSeconds = (System.nanoTime() - t0) / 1e9;
      Path log = work.resolve("server.log");
      try (ServerProcess server = ServerProcess.start(setup, database.serverEnv(), log, Duration.ofMinutes(3))) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        applyAgents(http, server);
        String cookie = login(http, server);
        report.put("agents", AGENTS);
        report.put("runs", AGENTS * RUNS_PER_AGENT);
        report.put("findings", FINDINGS);
        report.put("database", "postgresql");
        report.put("seedSeconds", round(seedSeconds));
        for (int round = 0; round < WARMUP; round++) {
          for (String path : pages().values()) get(http, request(server, cookie, path));
        }
        Map<String, Object> pages = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : pages().entrySet()) {
          pages.put(page.getKey(), measure(http, server, cookie, page.getValue()));
        }
        report.put("pages", pages);
        report.put("targetMs", TARGET_MS);
        report.put("method", "request to last byte over loopback, one at a time; median and p99 of " + MEASURED
            + " per page after " + WARMUP + " warm-up rounds over every page");
        // The machine's load while measuring: on a shared machine it explains a long tail.
        report.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).strip());
      }
    }
    Path out = Path.of("target", "bench", "console.json");
    String json = JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(report);
    Files.writeString(out, json + "\n");
    System.out.println("written " + out);
  }

  /** The pages measured: the first page (agents), the findings inbox unfiltered and filtered, the runs timeline. */
  static Map<String, String> pages() {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("agents (first page)", "/");
    pages.put("agents (page 11)", "/?after=" + agentName(499));
    pages.put("findings inbox (open)", "/findings");
    pages.put("findings (any status)", "/findings?status=any");
    pages.put("findings (one agent)", "/findings?status=any&agent=" + agentName(421));
    pages.put("findings (one service, critical)", "/findings?status=any&severity=critical&service=" + service(17));
    pages.put("runs timeline", "/runs");
    pages.put("agent page", "/agents/" + agentName(421));
    return pages;
  }

  private static Map<String, Object> measure(HttpClient http, ServerProcess server, String cookie, String path)
      throws IOException, InterruptedException {
    HttpRequest request = request(server, cookie, path);
    long bytes = 0;
    double[] ms = new double[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long t = System.nanoTime();
      bytes = get(http, request);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("medianMs", round(ms[ms.length / 2]));
    m.put("p99Ms", round(ms[(int) Math.ceil(ms.length * 0.99) - 1]));
    m.put("bytes", bytes);
    System.out.printf(Locale.ROOT, "%-36s median %7.1f ms  p99 %7.1f ms  %,d bytes%n", path, ms[ms.length / 2],
        ms[(int) Math.ceil(ms.length * 0.99) - 1], bytes);
    return m;
  }

  private static HttpRequest request(ServerProcess server, String cookie, String path) {
    return HttpRequest.newBuilder(server.base().resolve(path)).header("Cookie", cookie)
        .timeout(Duration.ofSeconds(30)).GET().build();
  }

  private static long get(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body().length;
  }

  /** One agents.yaml with every agent, applied through the API so each schedule is registered. */
  private static void applyAgents(HttpClient http, ServerProcess server) throws IOException, InterruptedException {
    StringBuilder yaml = new StringBuilder("apiVersion: vigil.dev/v1\nagents:\n");
    for (int i = 0; i < AGENTS; i++) {
      yaml.append("  - name: ").append(agentName(i)).append('\n')
          .append("    purpose: Checks the golden signals of ").append(service(i % SERVICES)).append(" every weekday morning.\n")
          .append("    owner: team-").append(i % 40).append('\n')
          .append("    channels: [\"#bench\"]\n")
          .append("    grants:\n      - {integration: chat, permission: \"chat:post\", scope: [\"#bench\"]}\n")
          .append("    tasks:\n      - name: morning\n        kind: heartbeat\n        parameters: {channel: \"#bench\"}\n")
          .append("        trigger: {schedule: {cron: \"0 9 * * 1-5\", timeZone: Europe/Berlin}}\n");
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.base().resolve("/api/v1/apply"))
        .header("Authorization", "Bearer " + server.token()).header("Content-Type", "application/yaml")
        .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(yaml.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("apply answered " + r.statusCode() + ": " + r.body());
  }

  private static String login(HttpClient http, ServerProcess server) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.base().resolve("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(server.token(), StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("vigil_session="))
        .findFirst().orElseThrow(() -> new IllegalStateException("the console login gave no session cookie ("
            + r.statusCode() + ")"));
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /** Ten finished runs per agent over the last 10 days, through the run store. */
  private static void seedRuns(Database db) {
    JdbcRunStore runs = new JdbcRunStore(db);
    Instant now = Instant.now();
    db.transactor().run(() -> {
      for (int a = 0; a < AGENTS; a++) {
        for (int r = 0; r < RUNS_PER_AGENT; r++) {
          Instant at = now.minus(Duration.ofHours(24L * r + a % 24));
          runs.create(Run.queued(RunId.random(), new AgentId(agentName(a)), "morning", "heartbeat", Map.of(),
              new WakeReason.Scheduled(at, 0), List.of(), at).running(at).succeeded(at.plusMillis(300)));
        }
      }
    });
  }

  /**
   * 100,000 findings over 90 days, written in batches straight into the store's table (filing them
   * one by one through the store's dedup lock would take minutes and measure nothing of the console).
   */
  private static void seedFindings(Database db) throws SQLException {
    Random random = new Random(9);
    String[] severities = {"INFO", "WARNING", "WARNING", "CRITICAL"};
    String[] statuses = {"OPEN", "ACKNOWLEDGED", "RESOLVED", "RESOLVED", "RESOLVED", "FALSE_POSITIVE"};
    Instant now = Instant.now();
    try (Connection c = db.rawDataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into findings (id, agent_name, run_id, severity, service,"
          + " summary, evidence, next_steps, dedup_key, status, status_reason, occurrences, created_at, updated_at)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)")) {
        for (int i = 0; i < FINDINGS; i++) {
          int agent = random.nextInt(AGENTS);
          String svc = service(random.nextInt(SERVICES));
          Instant at = now.minusSeconds(random.nextInt(90 * 24 * 3600));
          ps.setString(1, UUID.randomUUID().toString());
          ps.setString(2, agentName(agent));
          ps.setString(3, UUID.randomUUID().toString());
          ps.setString(4, severities[random.nextInt(severities.length)]);
          ps.setString(5, svc);
          ps.setString(6, svc + " p99 latency " + (2 + random.nextInt(8)) + "x its baseline");
          ps.setString(7, "[{\"query\":\"histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service=\\\""
              + svc + "\\\"}[5m])))\",\"from\":\"" + at.minusSeconds(900) + "\",\"to\":\"" + at
              + "\",\"observed\":\"1.9 s\",\"expected\":\"410 ms\"}]");
          ps.setString(8, "[\"roll back the last deploy of " + svc + "\"]");
          ps.setString(9, "bench:" + i);
          ps.setString(10, statuses[random.nextInt(statuses.length)]);
          ps.setInt(11, 1 + random.nextInt(3));
          ps.setTimestamp(12, Timestamp.from(at));
          ps.setTimestamp(13, Timestamp.from(at));
          ps.addBatch();
          if (i % 1000 == 999) ps.executeBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  static String agentName(int i) {
    return String.format(Locale.ROOT, "agent-%04d", i);
  }

  static String service(int i) {
    return String.format(Locale.ROOT, "service-%03d", i);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
