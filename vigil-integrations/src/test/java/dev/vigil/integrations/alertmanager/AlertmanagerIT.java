package dev.vigil.integrations.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.integrations.testing.BenchPayloads;
import dev.vigil.integrations.testing.ScriptedServer;
import dev.vigil.integrations.testing.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Alertmanager (scripts/alertmanager.sh) whose webhook receiver points at an HTTP server in
 * this test: alerts posted to its API v2 come back as real version 4 notifications, and the client
 * lists alerts and creates, lists and expires silences on it.
 */
class AlertmanagerIT {
  private static final Duration NOTIFICATION_WAIT = Duration.ofSeconds(20);

  /** A webhook body and the headers it came with. */
  private record Delivery(byte[] body, String userAgent, String contentType) {}

  private static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private static HttpServer receiver;
  private static ScriptedServer alertmanager;
  private static Path workDir;
  private static URI amUrl;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      try (exchange) {
        deliveries.add(new Delivery(exchange.getRequestBody().readAllBytes(),
            exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRequestHeaders().getFirst("Content-Type")));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    receiver.start();
    workDir = Files.createTempDirectory("vigil-am-it");
    Path config = Files.writeString(workDir.resolve("alertmanager.yml"), """
        route:
          receiver: vigil
          group_by: ['alertname', 'service']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: vigil
            webhook_configs:
              - url: 'http://127.0.0.1:%d/hook'
                send_resolved: true
        """.formatted(receiver.getAddress().getPort()));
    alertmanager = ScriptedServer.start("alertmanager", "--config", config.toString());
    amUrl = URI.create(alertmanager.get("VIGIL_AM_URL"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (alertmanager != null) {
      alertmanager.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    TempDirs.delete(workDir);
  }

  private AlertmanagerClient client(AlertmanagerConfig config) {
    return new AlertmanagerClient(config, HttpClient.newHttpClient(), Clock.systemUTC(), waits::add);
  }

  private AlertmanagerClient client() {
    return client(AlertmanagerConfig.of(amUrl));
  }

  /** POSTs alerts to Alertmanager the way Prometheus does. */
  private static void postAlerts(String json) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(amUrl + "/api/v2/alerts")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static void postFixtureAlerts() throws IOException, InterruptedException {
    postAlerts(Files.readString(BenchPayloads.alertmanager("input_alerts_posted_to_api_v2.json")));
  }

  private static AlertGroupNotification awaitNotification(Predicate<AlertGroupNotification> wanted)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(NOTIFICATION_WAIT);
    while (Instant.now().isBefore(deadline)) {
      for (Delivery d : deliveries) {
        AlertGroupNotification n = AlertmanagerWebhook.parse(d.body());
        if (wanted.test(n)) {
          return n;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no such notification within " + NOTIFICATION_WAIT + "; got " + deliveries.size()
        + " deliveries");
  }

  @Test
  void posted_alerts_come_back_as_one_webhook_per_group() throws Exception {
    postFixtureAlerts();
    AlertGroupNotification errors = awaitNotification(n -> n.groupLabels().containsValue("HighErrorRate"));
    assertThat(errors.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(errors.receiver()).isEqualTo("vigil");
    assertThat(errors.groupKey()).isEqualTo("{}:{alertname=\"HighErrorRate\", service=\"checkout\"}");
    assertThat(errors.externalUrl()).contains(amUrl);
    assertThat(errors.alerts()).hasSize(2).allSatisfy(a -> {
      assertThat(a.fingerprint()).hasSize(16);
      assertThat(a.endsAt()).isEmpty();
    });
    assertThat(errors.commonLabels()).containsEntry("namespace", "prod").doesNotContainKey("pod");
    AlertGroupNotification latency = awaitNotification(n -> n.groupLabels().containsValue("HighRequestLatencyP99"));
    assertThat(latency.alerts()).singleElement().satisfies(a ->
        assertThat(a.annotations()).containsEntry("runbook_url", "https://runbooks.example.internal/checkout-latency"));
    Delivery first = deliveries.getFirst();
    assertThat(first.userAgent()).startsWith("Alertmanager/");
    assertThat(first.contentType()).isEqualTo("application/json");
  }

  @Test
  void an_alert_that_ends_is_notified_as_resolved() throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    String alert = """
        [{"labels":{"alertname":"VigilResolveIT","service":"it"},"annotations":{"summary":"resolves"},
          "startsAt":"%s"%s}]""";
    postAlerts(alert.formatted(start, ""));
    awaitNotification(n -> n.groupLabels().containsValue("VigilResolveIT") && n.status() == AlertStatus.FIRING);
    postAlerts(alert.formatted(start, ",\"endsAt\":\"" + Instant.now().minusSeconds(1) + "\""));
    AlertGroupNotification resolved = awaitNotification(
        n -> n.groupLabels().containsValue("VigilResolveIT") && n.status() == AlertStatus.RESOLVED);
    assertThat(resolved.alerts()).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.endsAt()).isPresent();
    });
  }

  @Test
  void a_silence_is_created_listed_mutes_its_alert_and_expires() throws Exception {
    postFixtureAlerts();
    AlertmanagerClient client = client();
    List<LabelMatcher> errorFilter = List.of(LabelMatcher.equal("alertname", "HighErrorRate"));
    assertThat(client.alerts(errorFilter, true, true)).hasSize(2)
        .allSatisfy(a -> assertThat(a.state()).isEqualTo("active"));

    Instant now = Instant.now();
    SilenceRequest request = new SilenceRequest(List.of(LabelMatcher.equal("alertname", "HighErrorRate"),
        new LabelMatcher("pod", LabelMatcher.Operator.REGEX, "checkout-.*-q8m1z")), now,
        now.plus(Duration.ofHours(1)), "vigil agent deploy-watch (run it)", "expected during the IT");
    String id = client.createSilence(request);

    Silence silence = client.silences().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    assertThat(silence.active()).isTrue();
    assertThat(silence.matchers()).containsExactlyInAnyOrderElementsOf(request.matchers());
    assertThat(silence.createdBy()).isEqualTo("vigil agent deploy-watch (run it)");

    Instant deadline = Instant.now().plusSeconds(10);
    List<Alert> all = client.alerts(errorFilter, true, true);
    while (all.stream().noneMatch(Alert::silenced) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      all = client.alerts(errorFilter, true, true);
    }
    assertThat(all).filteredOn(Alert::silenced).singleElement().satisfies(a -> {
      assertThat(a.labels()).containsEntry("pod", "checkout-7d9f8c6b5-q8m1z");
      assertThat(a.silencedBy()).containsExactly(id);
      assertThat(a.state()).isEqualTo("suppressed");
    });
    assertThat(client.alerts(errorFilter, false, true)).singleElement()
        .satisfies(a -> assertThat(a.labels()).containsEntry("pod", "checkout-7d9f8c6b5-x2k4p"));

    client.expireSilence(id);
    assertThat(client.silences().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().state())
        .isEqualTo("expired");
  }

  @Test
  void a_silence_alertmanager_refuses_is_not_retried() {
    Instant now = Instant.now();
    SilenceRequest invalid = new SilenceRequest(List.of(LabelMatcher.equal("0-not-a-label-name", "x")), now,
        now.plusSeconds(60), "vigil", "invalid on purpose");
    assertThatThrownBy(() -> client().createSilence(invalid))
        .isInstanceOfSatisfying(AlertmanagerException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("create silence", "HTTP 400");
        });
    assertThat(waits).isEmpty();
  }

  @Test
  void an_unreachable_alertmanager_is_retryable_after_backing_off() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    AlertmanagerClient down = client(AlertmanagerConfig.of(URI.create("http://127.0.0.1:" + port)));
    assertThatThrownBy(() -> down.silences())
        .isInstanceOfSatisfying(AlertmanagerException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.status()).isZero();
        });
    assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }
}
