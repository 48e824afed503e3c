package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.demo.shop.Scenario;
import dev.vigil.integrations.testing.ScriptedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code ./vigil demo --fast}, headless, as a newcomer runs it: the launcher starts the shop, the real
 * Prometheus and Alertmanager and the server with the demo's agents. The bad deploy, the leak and the
 * slow datastore must each produce a finding whose evidence cites a real query; the good deploy must pass.
 * About eight minutes: the scenario's minutes are real minutes, four times compressed.
 */
class DemoEndToEndIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Process demo;
  private static Path data;
  private static String url;

  @BeforeAll
  static void start() throws IOException {
    Path root = ScriptedServer.repositoryRoot();
    data = Files.createTempDirectory("vigil-demo-e2e");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    url = "http://127.0.0.1:" + port;
    ProcessBuilder builder = new ProcessBuilder(root.resolve("vigil").toString(), "demo", "--fast", "--port",
        Integer.toString(port), "--data", data.toString()).directory(root.toFile())
        .redirectErrorStream(true).redirectOutput(Path.of("target/demo-e2e.log").toFile());
    Map<String, String> env = builder.environment();
    // The demo's own embedded database and settings, whatever the suite runs with (its PostgreSQL).
    for (String name : List.of("VIGIL_DB_URL", "VIGIL_DB_USER", "VIGIL_DB_PASSWORD", "VIGIL_CONFIG_DIR",
        "VIGIL_GRAPH_SOURCES", "VIGIL_ADMIN_TOKEN")) {
      env.remove(name);
    }
    env.put("VIGIL_STARTUP_CACHE", "0");
    ProcessHandle.current().info().command().map(Path::of).map(p -> p.getParent().getParent())
        .ifPresent(home -> env.put("JAVA_HOME", home.toString()));
    demo = builder.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (demo != null) {
      demo.destroy(); // TERM: the launcher stops the server, the shop, Prometheus and Alertmanager
      if (!demo.waitFor(90, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }

  @Test
  void theBadDeployTheLeakAndTheSlowDatastoreEachMakeAFindingAndTheGoodDeployPasses() throws Exception {
    await("the demo's server").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .until(() -> demo.isAlive() && Files.isReadable(data.resolve("admin-token")) && get("/readyz") != null);

    await("the three findings (log: vigil-demo/target/demo-e2e.log)").atMost(Duration.ofMinutes(12))
        .pollInterval(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
          assertThat(demo.isAlive()).as("the demo is still running").isTrue();
          List<JsonNode> findings = get("/api/v1/findings?limit=200").get("findings").valueStream().toList();
          assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("service").asString()).isEqualTo("checkout");
            assertThat(f.get("summary").asString()).contains("deploy checkout 2.4.0");
            assertThat(f.get("evidence").findValuesAsString("query")).anyMatch(q -> q.contains("service=\"checkout\""));
          });
          // The first responder confirms the error alert the bad deploy sets off, from checkout's own signals.
          assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("service").asString()).isEqualTo("checkout");
            assertThat(f.get("summary").asString()).startsWith("HighErrorRatio on checkout confirmed: ");
            assertThat(f.get("evidence").findValuesAsString("query"))
                .anyMatch(q -> q.contains("http_server_requests_total") && q.contains("service=\"checkout\""));
          });
          assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("service").asString()).isEqualTo("recommendations");
            assertThat(f.get("summary").asString()).contains("memory");
            assertThat(f.get("evidence").findValuesAsString("query"))
                .anyMatch(q -> q.contains("process_resident_memory_bytes"));
          });
          assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("service").asString()).isEqualTo("postgres");
            assertThat(f.get("summary").asString()).contains("query_p99");
            assertThat(f.get("evidence").findValuesAsString("query")).anyMatch(q -> q.contains("pg_query_duration"));
          });
        });

    List<JsonNode> deploys = get("/api/v1/chat/messages?channel=%23deploys&limit=1000").get("messages").valueStream()
        .toList();
    assertThat(deploys).anySatisfy(m -> assertThat(m.path("card").path("title").asString())
        .isEqualTo("shipping 3.1.0 (production): PASS at +3m"));
    assertThat(get("/api/v1/findings?limit=200").get("findings").valueStream())
        .noneMatch(f -> f.get("summary").asString().contains("shipping 3.1.0"))
        // The jitter alert is confirmed only once the slow datastore really slows search's dependency
        // (catalog), never on search's own noise.
        .allMatch(f -> !f.get("summary").asString().contains("SearchLatencyJitter")
            || f.get("summary").asString().contains("dependency catalog"));

    // What `./vigil demo scenario` prints at the end, read from this live server.
    JsonNode report = JSON.readTree(new ScenarioRun.Waiter(URI.create(url), data.resolve("admin-token"),
        java.time.Clock.systemUTC(), System.err).report(Scenario.standard(), Instant.now()).orElseThrow());
    assertThat(report.get("scenario").asString()).isEqualTo("standard");
    assertThat(report.get("findings").valueStream())
        .anySatisfy(f -> assertThat(f.get("agent").asString()).isEqualTo("deploy-watcher"))
        .anySatisfy(f -> assertThat(f.get("agent").asString()).isEqualTo("first-responder"));
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + Files.readString(data.resolve("admin-token")).strip()).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? JSON.readTree(r.body().isEmpty() ? "{}" : r.body()) : null;
  }
}
