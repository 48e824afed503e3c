package dev.vigil.integrations.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty's Events API v2 on loopback, for tests only (PagerDuty cannot run here). It checks a
 * request the way PagerDuty documents it (POST to {@code /v2/enqueue}, JSON content type, a
 * 32-character routing key, a known {@code event_action}, a trigger's summary, source and severity,
 * a dedup key on acknowledge and resolve) and answers as PagerDuty does: 202 with the dedup key, or
 * 400 "invalid event" listing each problem. Faults can be queued to answer the next requests.
 */
public final class FakePagerDutyEvents implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  /** A scripted answer for one request instead of the normal one. */
  public record Fault(int status, String body, String retryAfter, Duration delay) {
    public static Fault status(int status) {
      return new Fault(status, status == 429 ? "{\"status\":\"throttle event\",\"message\":\"Requests for this service"
          + " are arriving too quickly. Please retry later.\"}" : "{\"status\":\"error\"}", null, Duration.ZERO);
    }

    public static Fault slow(Duration delay) {
      return new Fault(202, null, null, delay);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
  /** Every event PagerDuty accepted, as sent. */
  public final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
  /** Requests received, accepted or not. */
  public final List<String> requests = new CopyOnWriteArrayList<>();

  private FakePagerDutyEvents() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakePagerDutyEvents start() throws IOException {
    return new FakePagerDutyEvents();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next requests are answered with these, in order, before normal service resumes. */
  public void failNext(Fault... next) {
    faults.addAll(List.of(next));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      Fault fault = faults.poll();
      if (fault != null && !fault.delay().isZero()) {
        try {
          Thread.sleep(fault.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        fault = null;
      }
      if (fault != null) {
        if (fault.retryAfter() != null) {
          exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
        }
        answer(exchange, fault.status(), fault.body());
        return;
      }
      if (!exchange.getRequestURI().getPath().equals("/v2/enqueue")) {
        answer(exchange, 404, "{\"status\":\"not found\"}");
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 405, "{\"status\":\"method not allowed\"}");
        return;
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        answer(exchange, 400, invalid(List.of("Content-Type must be application/json")));
        return;
      }
      JsonNode event;
      try {
        event = JSON.readTree(exchange.getRequestBody().readAllBytes());
      } catch (JacksonException e) {
        answer(exchange, 400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"Malformed JSON\"]}");
        return;
      }
      List<String> errors = problems(event);
      if (!errors.isEmpty()) {
        answer(exchange, 400, invalid(errors));
        return;
      }
      accepted.add(event);
      String key = event.path("dedup_key").asString("");
      if (key.isEmpty()) {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        key = HexFormat.of().formatHex(random);
      }
      answer(exchange, 202, JSON.writeValueAsString(java.util.Map.of("status", "success",
          "message", "Event processed", "dedup_key", key)));
    }
  }

  private static List<String> problems(JsonNode event) {
    List<String> errors = new ArrayList<>();
    if (!event.isObject()) {
      return List.of("Event object must be a JSON object");
    }
    String key = event.path("routing_key").asString("");
    if (key.isEmpty()) {
      errors.add("'routing_key' is missing or blank");
    } else if (key.length() != 32) {
      errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
    }
    String action = event.path("event_action").asString("");
    if (!ACTIONS.contains(action)) {
      errors.add("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
    }
    if (event.path("dedup_key").asString("").length() > 255) {
      errors.add("Length of 'dedup_key' is too long (must be 255 characters or fewer)");
    }
    if (action.equals("trigger")) {
      JsonNode payload = event.path("payload");
      if (!payload.isObject()) {
        errors.add("'payload' is missing");
      } else {
        if (payload.path("summary").asString("").isBlank()) {
          errors.add("'payload.summary' is missing or blank");
        } else if (payload.path("summary").asString("").length() > 1024) {
          errors.add("Length of 'payload.summary' is too long (must be 1024 characters or fewer)");
        }
        if (payload.path("source").asString("").isBlank()) {
          errors.add("'payload.source' is missing or blank");
        }
        if (!SEVERITIES.contains(payload.path("severity").asString(""))) {
          errors.add("'payload.severity' is invalid (must be one of: critical, error, warning, info)");
        }
      }
    } else if (ACTIONS.contains(action) && event.path("dedup_key").asString("").isBlank()) {
      errors.add("'dedup_key' is missing or blank (required for " + action + ")");
    }
    return errors;
  }

  private static String invalid(List<String> errors) {
    return JSON.writeValueAsString(java.util.Map.of("status", "invalid event", "message", "Event object is invalid",
        "errors", errors));
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
