package dev.vigil.integrations.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback HTTP proxy in front of a real server that can fail or stall the next requests on
 * demand and records what it was sent, so retry, timeout and header behaviour is tested against
 * the real server's real answers rather than canned ones.
 */
public final class FaultyProxy implements AutoCloseable {
  /** What one request carried, as the proxy saw it. */
  public record SeenRequest(String method, String path, Map<String, List<String>> headers) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }
  }

  private final HttpServer server;
  private final URI target;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<SeenRequest> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger failureStatus = new AtomicInteger(503);
  private final AtomicReference<Duration> stall = new AtomicReference<>(Duration.ZERO);

  public FaultyProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code count} requests get {@code status} with a Prometheus-style error body. */
  public void failNext(int count, int status) {
    failureStatus.set(status);
    failuresLeft.set(count);
  }

  /** Every request waits this long before it is forwarded. */
  public void stall(Duration duration) {
    stall.set(duration);
  }

  public List<SeenRequest> seen() {
    return List.copyOf(seen);
  }

  public void reset() {
    seen.clear();
    failuresLeft.set(0);
    stall.set(Duration.ZERO);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      seen.add(new SeenRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders())));
      // Decided before stalling, so a request still stalled from an earlier test cannot use up a later test's failures.
      boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      Thread.sleep(stall.get().toMillis());
      if (fail) {
        byte[] error = "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"injected by the test proxy\"}"
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(failureStatus.get(), error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().toString()))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String name : List.of("Content-Type", "Accept", "Accept-Encoding", "Authorization", "X-Scope-OrgID")) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
          forward.header(name, value);
        }
      }
      HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      for (String name : List.of("Content-Type", "Content-Encoding")) {
        answer.headers().firstValue(name).ifPresent(v -> exchange.getResponseHeaders().add(name, v));
      }
      byte[] bytes = answer.body();
      exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
