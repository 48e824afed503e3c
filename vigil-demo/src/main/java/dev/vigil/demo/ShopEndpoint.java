package dev.vigil.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.demo.metrics.Exposition;
import dev.vigil.demo.shop.ShopSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;

/**
 * Serves the simulated shop's metrics for Prometheus to scrape, on loopback only. Each scrape first
 * advances the simulation to the clock's instant, so the shop lives in real time between scrapes.
 */
public final class ShopEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final ShopSimulator simulator;
  private final Clock clock;

  /** Starts serving at once on {@code port} (0: any free port). */
  public ShopEndpoint(ShopSimulator simulator, Clock clock, int port) throws IOException {
    this.simulator = simulator;
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext("/metrics", this::metrics);
    server.createContext("/timeline", this::timeline);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "shop-endpoint");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void metrics(HttpExchange exchange) throws IOException {
    String body;
    synchronized (simulator) {
      simulator.advanceTo(clock.instant());
      body = Exposition.text(simulator.scrape());
    }
    answer(exchange, Exposition.CONTENT_TYPE, body);
  }

  private void timeline(HttpExchange exchange) throws IOException {
    String body;
    synchronized (simulator) {
      simulator.advanceTo(clock.instant());
      body = String.join("\n", simulator.applied()) + "\n";
    }
    answer(exchange, "text/plain; charset=utf-8", body);
  }

  private static void answer(HttpExchange exchange, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
