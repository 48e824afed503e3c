package dev.vigil.bench.engine;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.Trigger;
import dev.vigil.store.Database;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks at a fixed rate, open loop (each is sent at its planned instant whether or not the
 * earlier ones were answered, as independent senders would), to {@code /hooks/bench}; each wakes
 * one run of the listening agent. Latency is read afterwards from what the server stored: from the
 * event's {@code received_at} (taken when it was accepted) to its run's {@code started_at} (taken
 * when the run's first step started), both on the server's clock.
 */
final class EventLoad {
  static final String AGENT = "bench-events";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Requests in flight at most; beyond it the sender waits, which the result reports. */
  private static final int MAX_IN_FLIGHT = 512;

  private EventLoad() {}

  /** The agent every bench event wakes: a heartbeat that posts to the built-in chat. */
  static Agent listener() {
    TaskSpec echo = new TaskSpec("echo", "heartbeat", Map.of("channel", "#bench", "message", "{reason}"),
        new Trigger.OnEvent("bench", "ping", Map.of(), List.of()), true);
    return new Agent(new AgentId(AGENT), "answers benchmark webhooks", "bench", List.of("#bench"),
        List.of(new Grant("chat", "chat:post", List.of("#bench"))), List.of(), List.of(echo), List.of(), false);
  }

  /** What the sender saw. */
  record Sent(String phase, int rate, int planned, int accepted, int refused, double seconds, long senderStalls,
      double[] answerMillis) {
    double achievedRate() {
      return (accepted + refused) / seconds;
    }
  }

  /**
   * Sends {@code count} webhooks at {@code rate} per second, stopping early at {@code maxTime}.
   * Each body carries {@code phase}, which the server keeps as a label.
   */
  static Sent send(ServerProcess server, String phase, int rate, int count, Duration maxTime) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
        .connectTimeout(Duration.ofSeconds(5)).build();
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentLinkedQueue<Double> answers = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    long stalls = 0;
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    long stopAt = start + maxTime.toNanos();
    int sent = 0;
    for (; sent < count; sent++) {
      long due = start + sent * intervalNanos;
      if (due > stopAt) break;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!inFlight.tryAcquire()) {
        stalls++;
        inFlight.acquire();
      }
      String body = "{\"phase\":\"" + phase + "\",\"text\":\"ping " + sent + "\"}";
      HttpRequest request = HttpRequest.newBuilder(server.base().resolve("/hooks/bench"))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + server.token())
          .header("Content-Type", "application/json")
          .header("X-Vigil-Event", "ping")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      long sentAt = System.nanoTime();
      pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
        inFlight.release();
        if (error == null && response.statusCode() == 202) {
          accepted.incrementAndGet();
          answers.add((System.nanoTime() - sentAt) / 1e6);
        } else {
          refused.incrementAndGet();
        }
      }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    http.close();
    return new Sent(phase, rate, sent, accepted.get(), refused.get(), seconds, stalls,
        answers.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * Waits until no run is queued (every run woken so far has started its first step), or until
   * {@code within} passes; returns the runs still queued.
   */
  static long drain(ServerProcess server, Duration within) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    double queued;
    do {
      Thread.sleep(250);
      queued = server.metric("vigil_runs_stored", "status=\"queued\"");
    } while (queued > 0 && System.nanoTime() < deadline);
    return Math.round(queued);
  }

  /** Event-to-run-start latencies in milliseconds by phase, from the stored events and runs. */
  /**
   * @param byPhase event accepted to first step started
   * @param queuedByPhase the part of it from the run's creation (in the event's transaction) to its first step
   */
  record Latencies(Map<String, double[]> byPhase, Map<String, double[]> queuedByPhase, Map<String, Integer> notStarted) {}

  private static Map<String, double[]> arrays(Map<String, List<Double>> lists) {
    Map<String, double[]> out = new HashMap<>();
    lists.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  static Latencies read(Database db) throws SQLException {
    Map<String, Instant> received = new HashMap<>();
    Map<String, String> phaseOf = new HashMap<>();
    try (Connection c = db.rawDataSource().getConnection()) {
      try (ResultSet rs = c.createStatement().executeQuery("select id, received_at, labels from events where source = 'bench'")) {
        while (rs.next()) {
          received.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
          phaseOf.put(rs.getString(1), JSON.readTree(rs.getString(3)).path("phase").asString(""));
        }
      }
      Map<String, List<Double>> byPhase = new HashMap<>();
      Map<String, Integer> notStarted = new HashMap<>();
      Map<String, List<Double>> queued = new HashMap<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "select wake, started_at, created_at from runs where agent_name = '" + AGENT + "'")) {
        while (rs.next()) {
          JsonNode wake = JSON.readTree(rs.getString(1));
          String event = wake.path("eventId").asString("");
          String phase = phaseOf.getOrDefault(event, "?");
          OffsetDateTime started = rs.getObject(2, OffsetDateTime.class);
          if (started == null || !received.containsKey(event)) {
            notStarted.merge(phase, 1, Integer::sum);
            continue;
          }
          double ms = Duration.between(received.get(event), started.toInstant()).toNanos() / 1e6;
          byPhase.computeIfAbsent(phase, k -> new ArrayList<>()).add(ms);
          Instant created = rs.getObject(3, OffsetDateTime.class).toInstant();
          queued.computeIfAbsent(phase, k -> new ArrayList<>())
              .add(Duration.between(created, started.toInstant()).toNanos() / 1e6);
        }
      }
      return new Latencies(arrays(byPhase), arrays(queued), notStarted);
    }
  }

  static void awaitQuiet(ServerProcess server) throws IOException, InterruptedException {
    // Lets the previous phase's runs finish their remaining steps, so phases do not overlap.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline
        && server.metric("vigil_runs_stored", "status=\"queued\"") + server.metric("vigil_runs_stored", "status=\"running\"") > 0) {
      Thread.sleep(250);
    }
  }
}
