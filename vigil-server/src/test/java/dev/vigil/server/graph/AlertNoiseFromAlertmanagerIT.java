package dev.vigil.server.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.demo.ShopEndpoint;
import dev.vigil.demo.shop.Shop;
import dev.vigil.demo.shop.ShopSimulator;
import dev.vigil.demo.shop.Traffic;
import dev.vigil.integrations.testing.ScriptedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert noise learned from real Alertmanager history: the real Prometheus scrapes the live shop and
 * evaluates two rules every second ({@code alert-noise/shop-noise.rules.yml}), the real Alertmanager
 * groups what fires by alert name and delivers it, resolutions and 2-second reminders included, to
 * this server's {@code /hooks/alertmanager} with an alertmanager integration's webhook token, and the
 * graph's {@code alert-events} source (as {@code VIGIL_GRAPH_SOURCES} configures it) reads the accepted
 * events. The alert whose threshold is search's own recent p90 flaps and must be called noisy; the
 * alert that fires and stays firing must not be, however many reminders Alertmanager sends.
 *
 * <p>The shop's simulator moves in 15-second ticks; it is served here on a clock running 15 times
 * faster than the wall clock, so a tick comes every second and the test sees in a minute what a noisy
 * alert does in a quarter of an hour.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertNoiseFromAlertmanagerIT {
  private static final String TOKEN = "alert-noise-it-" + UUID.randomUUID();
  private static final String WEBHOOK_TOKEN = "am-webhook-" + UUID.randomUUID();
  private static final String NOISY = "SearchLatencyAboveItsAverage";
  private static final String STEADY = "ShopServesRequests";
  private static final int SHOP_SPEED = 15;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path data;
  private static int port;
  private static ShopEndpoint shop;
  private static ScriptedServer alertmanager;
  private static ScriptedServer prometheus;

  @BeforeAll
  static void startShopAndAlertmanager() throws IOException {
    data = Files.createTempDirectory("vigil-alert-noise-it");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Clock fast = new FasterClock(Clock.systemUTC(), SHOP_SPEED);
    Instant start = fast.instant();
    // A quiet shop: no deploys or faults, only its everyday noise.
    ShopSimulator simulator = new ShopSimulator(Shop.standard(), new Traffic(120, ZoneId.of("UTC")), 7, start,
        List.of(), Map.of());
    shop = new ShopEndpoint(simulator, fast, 0);

    Path tokenFile = data.resolve("vigil-webhook-token");
    Files.writeString(tokenFile, WEBHOOK_TOKEN);
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    Path amConfig = data.resolve("alertmanager.yml");
    Files.writeString(amConfig, resource("alertmanager.yml").replace("{vigil}", "http://127.0.0.1:" + port)
        .replace("{tokenFile}", tokenFile.toString()));
    alertmanager = ScriptedServer.start("alertmanager", "--config", amConfig.toString());
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (alertmanager != null) {
      alertmanager.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path config = Files.createDirectories(data.resolve("config"));
    Files.writeString(config.resolve("agents.yaml"), """
        apiVersion: vigil.dev/v1
        integrations:
          - {name: am-shop, type: alertmanager, url: "%s", webhookToken: "${file:%s}"}
        """.formatted(alertmanager.get("VIGIL_AM_URL"), data.resolve("vigil-webhook-token")));
    registry.add("VIGIL_PORT", () -> Integer.toString(port));
    registry.add("VIGIL_BIND_ADDRESS", () -> "127.0.0.1");
    registry.add("VIGIL_DATA_DIR", () -> data.resolve("vigil").toString());
    registry.add("VIGIL_CONFIG_DIR", config::toString);
    registry.add("VIGIL_ADMIN_TOKEN", () -> TOKEN);
    registry.add("VIGIL_ENGINE_THREADS", () -> "2");
    registry.add("VIGIL_GRAPH_SOURCES", () -> "alerts=alert-events:20000");
  }

  @Test
  void theFlappingAlertIsNoisyAndTheSteadyOneIsNotFromWhatAlertmanagerDelivered() throws Exception {
    // Prometheus starts once Vigil answers, so that every notification Alertmanager sends is delivered.
    Path rules = data.resolve("shop-noise.rules.yml");
    Files.writeString(rules, resource("shop-noise.rules.yml"));
    Path promConfig = data.resolve("prometheus.yml");
    Files.writeString(promConfig, resource("prometheus.yml").replace("{shop}", "127.0.0.1:" + shop.port())
        .replace("{alertmanager}", "127.0.0.1:" + alertmanager.get("VIGIL_AM_PORT"))
        .replace("{rules}", rules.toString()));
    prometheus = ScriptedServer.start("prometheus", "--config", promConfig.toString());

    await("the flapping alert classified noisy, the steady one firing for 5 reminder intervals")
        .atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
          refresh();
          JsonNode noisy = get("/api/v1/graph/alerts/" + NOISY);
          assertThat(noisy.get("verdict").asString()).as(noisy.toString()).isEqualTo("noisy");
          assertThat(alertmanagerEvents()).filteredOn(e -> e.at("/labels/alertname").asString().equals(STEADY))
              .anySatisfy(e -> assertThat(Instant.parse(e.get("time").asString()))
                  .isBefore(Instant.now().minusSeconds(10)));
        });
    refresh();

    JsonNode noisy = get("/api/v1/graph/alerts/" + NOISY);
    assertThat(noisy.get("fired").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(noisy.get("flapRate").asDouble()).isGreaterThanOrEqualTo(0.5);
    assertThat(noisy.get("actedOnRatio").isNull()).as("Alertmanager cannot know who acted").isTrue();
    JsonNode steady = get("/api/v1/graph/alerts/" + STEADY);
    assertThat(steady.get("verdict").asString()).as(steady.toString()).isEqualTo("not-enough-data");
    assertThat(steady.get("fired").asInt()).as("one firing, however many reminders").isEqualTo(1);
    assertThat(steady.get("flapRate").asDouble()).isZero();
    // The rule's service label links it to search: its runbook, once a catalog names one, answers for the alert.
    JsonNode edge = get("/api/v1/graph/edge?from=alert:" + NOISY + "&kind=alerts-on&to=service:search");
    assertThat(edge.at("/provenance/0/source").asString()).isEqualTo("alerts");
    assertThat(edge.at("/provenance/0/evidence").asString()).isEqualTo("observed");
    assertThat(edge.at("/provenance/0/detail").asString()).contains("alertmanager notifications of " + NOISY);

    List<JsonNode> events = alertmanagerEvents();
    assertThat(events).allSatisfy(e -> assertThat(e.at("/labels/integration").asString()).isEqualTo("am-shop"));
    long steadyEvents = events.stream().filter(e -> e.at("/labels/alertname").asString().equals(STEADY)).count();
    assertThat(steadyEvents).as("the steady alert's firing, stored once").isEqualTo(1);
    // Alertmanager delivered more notifications than Vigil stored: the reminders were real and were not counted.
    double delivered = amMetric("alertmanager_notifications_total{integration=\"webhook\"}")
        - amMetric("alertmanager_notifications_failed_total{integration=\"webhook\"}");
    assertThat(delivered).as("notifications Alertmanager delivered").isGreaterThan(events.size());
    System.out.printf("[alert-noise] %s: %s; %s: %s; %d events stored of %.0f notifications delivered%n", NOISY,
        noisy.get("reason").asString(), STEADY, steady.get("reason").asString(), events.size(), delivered);
  }

  /** The Alertmanager notifications the server accepted, newest first. */
  private static List<JsonNode> alertmanagerEvents() throws IOException, InterruptedException {
    return get("/api/v1/events?limit=1000").get("events").valueStream()
        .filter(e -> e.get("source").asString().equals("alertmanager")).toList();
  }

  private static void refresh() throws IOException, InterruptedException {
    HttpResponse<String> r = send("POST", "/api/v1/graph/refresh?source=alerts");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = send("GET", path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN)
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A sample of Alertmanager's own metrics, 0 when it has not counted any yet. */
  private static double amMetric(String series) throws IOException, InterruptedException {
    String text = HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager.get("VIGIL_AM_URL") + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
        l.substring(series.length() + 1).strip())).sum();
  }

  private static String resource(String name) {
    try (InputStream in = AlertNoiseFromAlertmanagerIT.class.getResourceAsStream("/alert-noise/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource alert-noise/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The wall clock sped up {@code speed} times from the moment it is made (whole seconds, as the shop reads them). */
  private static final class FasterClock extends Clock {
    private final Clock wall;
    private final Instant origin;
    private final int speed;

    FasterClock(Clock wall, int speed) {
      this.wall = wall;
      this.origin = wall.instant().truncatedTo(ChronoUnit.SECONDS);
      this.speed = speed;
    }

    @Override
    public Instant instant() {
      return origin.plus(Duration.between(origin, wall.instant()).multipliedBy(speed));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the shop reads instants only");
    }
  }
}
