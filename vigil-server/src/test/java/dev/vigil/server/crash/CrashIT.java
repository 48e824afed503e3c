package dev.vigil.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.store.testing.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crash test: the server runs as a separate process and is killed with SIGKILL, once while a
 * run waits on a durable timer and once while the run's message is being posted. After a restart
 * the run completes, every step ran once, and exactly one message reached the chat sink (which,
 * like a real receiver, drops a redelivered idempotency key).
 */
class CrashIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "crash-test-token-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;
  private ChatSink sink;
  private Process server;
  private int port;

  @BeforeEach
  void startSink() throws IOException {
    sink = new ChatSink();
  }

  @AfterEach
  void stop() {
    if (server != null) server.destroyForcibly();
    sink.stop();
  }

  @Test
  void embedded_database_run_waiting_on_a_timer_survives_kill_minus_9() throws Exception {
    killDuringTimer(Map.of());
  }

  @Test
  void embedded_database_message_being_posted_during_kill_minus_9_reaches_the_sink_once() throws Exception {
    killDuringPost(Map.of());
  }

  @Test
  void postgres_run_waiting_on_a_timer_survives_kill_minus_9() throws Exception {
    killDuringTimer(freshPostgres());
  }

  @Test
  void postgres_message_being_posted_during_kill_minus_9_reaches_the_sink_once() throws Exception {
    killDuringPost(freshPostgres());
  }

  private void killDuringTimer(Map<String, String> db) throws Exception {
    port = freePort();
    startServer(db);
    String run = startRun();
    awaitRun(run, "waiting", Duration.ofSeconds(30));
    killServer();
    assertThat(sink.deliveries.get()).isZero();
    startServer(db);
    Map<String, Object> done = awaitRun(run, "succeeded", Duration.ofSeconds(60));
    assertEveryStepRanOnce(done);
    // The post is delivered from the outbox after the checkpoint that ended the run.
    awaitUntil(() -> !sink.unique.isEmpty(), Duration.ofSeconds(30));
    assertThat(sink.unique).hasSize(1);
    assertThat(sink.deliveries.get()).isEqualTo(1);
  }

  private void killDuringPost(Map<String, String> db) throws Exception {
    port = freePort();
    sink.holdFirstDelivery = true;
    startServer(db);
    String run = startRun();
    assertThat(sink.firstDeliveryArrived.await(60, TimeUnit.SECONDS)).as("the post reached the sink").isTrue();
    killServer();
    sink.release.countDown();
    startServer(db);
    Map<String, Object> done = awaitRun(run, "succeeded", Duration.ofSeconds(60));
    awaitUntil(() -> sink.deliveries.get() >= 2, Duration.ofSeconds(30));
    assertEveryStepRanOnce(done);
    assertThat(sink.unique).as("messages the sink accepted").hasSize(1);
    assertThat(sink.deliveries.get()).as("deliveries, one redelivered after the kill").isEqualTo(2);
  }

  @SuppressWarnings("unchecked")
  private static void assertEveryStepRanOnce(Map<String, Object> run) {
    List<Map<String, Object>> steps = (List<Map<String, Object>>) run.get("steps");
    assertThat(steps).extracting(s -> s.get("name")).containsExactly("compose", "wait", "post");
    assertThat(steps).allSatisfy(s -> {
      assertThat(s.get("status")).isEqualTo("succeeded");
      assertThat(((Number) s.get("attempts")).intValue()).as("attempts of " + s.get("name")).isEqualTo(1);
    });
  }

  private Map<String, String> freshPostgres() throws Exception {
    if (!TestDatabases.postgresConfigured()) {
      TestDatabases.postgres(); // aborts with the reason, or fails under CI
    }
    String url = System.getenv("VIGIL_TEST_PG_URL");
    String user = System.getenv().getOrDefault("VIGIL_TEST_PG_USER", "");
    String password = System.getenv().getOrDefault("VIGIL_TEST_PG_PASSWORD", "");
    String name = "vigil_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.createStatement().execute("create database " + name);
    }
    return Map.of("VIGIL_DB_URL", url.substring(0, url.lastIndexOf('/') + 1) + name, "VIGIL_DB_USER", user,
        "VIGIL_DB_PASSWORD", password);
  }

  private void startServer(Map<String, String> db) throws Exception {
    Path config = dir.resolve("config");
    Files.createDirectories(config);
    Files.writeString(config.resolve("agents.yaml"), """
        apiVersion: vigil.dev/v1
        agents:
          - name: crash-test
            grants:
              - {integration: chat, permission: "chat:post", scope: ["#crash"]}
            tasks:
              - name: delayed-post
                kind: heartbeat
                parameters: {channel: "#crash", message: "after the timer", delay: 6s}
        """);
    Path jar;
    try (Stream<Path> s = Files.list(Path.of("target"))) {
      jar = s.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("vigil-server's exec jar is missing: run mvn package first"));
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar.toAbsolutePath().toString());
    Map<String, String> env = pb.environment();
    env.put("VIGIL_PORT", String.valueOf(port));
    env.put("VIGIL_DATA_DIR", dir.resolve("data").toString());
    env.put("VIGIL_ADMIN_TOKEN", TOKEN);
    env.put("VIGIL_CONFIG_DIR", config.toString());
    env.put("VIGIL_CHAT_WEBHOOK_URL", "http://127.0.0.1:" + sink.port() + "/post");
    env.put("VIGIL_BIND_ADDRESS", "127.0.0.1");
    env.putAll(db);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
    server = pb.start();
    awaitUntil(() -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/readyz")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    }, Duration.ofSeconds(60));
  }

  private void killServer() throws Exception {
    server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful anything
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    server = null;
  }

  private String startRun() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/agents/crash-test/tasks/delayed-post/runs"))
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return (String) JSON.readValue(r.body(), Map.class).get("run");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> awaitRun(String run, String status, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    Map<String, Object> last = Map.of();
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/runs/" + run))
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        last = Map.of("httpStatus", r.statusCode(), "body", r.body());
      } else {
        last = JSON.readValue(r.body(), Map.class);
        if (status.equals(last.get("status"))) return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("run " + run + " did not reach " + status + " within " + within + "; last: " + last
        + "\nserver log:\n" + tail(dir.resolve("server.log")));
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) return "(none)";
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static void awaitUntil(java.util.concurrent.Callable<Boolean> condition, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (condition.call()) return;
      Thread.sleep(200);
    }
    throw new AssertionError("condition not met within " + within);
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A chat receiver that, like real ones, accepts each idempotency key once. */
  static final class ChatSink {
    final HttpServer server;
    final Map<String, String> unique = new ConcurrentHashMap<>();
    final AtomicInteger deliveries = new AtomicInteger();
    final CountDownLatch firstDeliveryArrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean holdFirstDelivery;

    ChatSink() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.createContext("/post", exchange -> {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int n = deliveries.incrementAndGet();
        if (key != null) unique.putIfAbsent(key, body);
        if (n == 1 && holdFirstDelivery) {
          // The message is in; the answer is held until the sender has been killed.
          firstDeliveryArrived.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        try {
          exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
          // the sender is gone (killed): nothing to answer
        }
        exchange.close();
      });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    void stop() {
      release.countDown();
      server.stop(0);
    }
  }
}
