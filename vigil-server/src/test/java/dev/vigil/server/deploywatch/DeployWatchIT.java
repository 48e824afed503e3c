package dev.vigil.server.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.demo.ShopMain;
import dev.vigil.integrations.testing.ScriptedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deploy watch end to end: GitHub's real {@code deployment_status} payload, signed, reaches the
 * server's {@code /hooks/github}; the deploy-watch agent wakes, reads the real Prometheus of the demo
 * shop through its scoped grant, and posts its thread to the built-in chat and a finding. The shop's
 * standard scenario is played three hours in the past, so the checks of its deploys are due at once
 * and read backfilled history, as a backtest would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeployWatchIT {
  private static final String TOKEN = "deploy-watch-it-" + UUID.randomUUID();
  private static final String SECRET = "github-secret-" + UUID.randomUUID();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ScriptedServer shop;
  private static Instant scenarioStart;

  @LocalServerPort
  int port;

  @BeforeAll
  static void startShop() throws IOException, URISyntaxException {
    // This JVM's class path holds the shop (a test dependency) and everything it needs (JGit for its repository).
    String classpath = System.getProperty("java.class.path");
    assertThat(classpath).as("the shop on the test class path").contains(
        Path.of(ShopMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    shop = ScriptedServer.start("demo-env", "--data-dir", Files.createTempDirectory("vigil-dw-shop").toString(),
        "--java", ProcessHandle.current().info().command().orElse("java"), "--classpath", classpath,
        "--history", "1d", "--scenario", "standard", "--scenario-offset", "-3h", "--seed", "5");
    scenarioStart = Instant.ofEpochSecond(Long.parseLong(shop.get("SHOP_SCENARIO_START")));
  }

  @AfterAll
  static void stopShop() {
    if (shop != null) {
      shop.close();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    Path data = Files.createTempDirectory("vigil-dw-it");
    Path secret = data.resolve("github-secret");
    Files.writeString(secret, SECRET);
    Path config = Files.createDirectories(data.resolve("config"));
    // Checks at +5 and +7 minutes: both before the scenario's datastore slowdown (+9 min) for the good deploy.
    Files.writeString(config.resolve("agents.yaml"), """
        apiVersion: vigil.dev/v1
        integrations:
          - {name: prom-demo, type: prometheus, url: "%s"}
          - {name: github-demo, type: github, webhookSecret: "${file:%s}"}
        agents:
          - name: deploy-watcher
            channels: ["#deploys"]
            grants:
              - {integration: prom-demo, permission: "metrics:read", scope: ['{job="shop"}']}
              - {integration: chat, permission: "chat:post", scope: ["#deploys"]}
            tasks:
              - name: watch
                kind: deploy-watch
                parameters: {metrics: prom-demo, channel: "#deploys", environment: production, early: 5m, late: 7m,
                  step: 1m, graphUrl: "%1$s"}
                trigger: {event: {source: github, type: deployment_status}}
        """.formatted(shop.get("VIGIL_PROM_URL"), secret));
    // What the context graph knows: checkout's owner and runbook, and that frontend calls it.
    Path catalog = Files.createDirectories(data.resolve("catalog"));
    Files.writeString(catalog.resolve("catalog.yaml"), """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: checkout
          annotations: {vigil.dev/runbook: "https://runbooks.example.com/checkout"}
        spec: {type: service, lifecycle: production, owner: group:payments-team}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: frontend}
        spec: {type: website, lifecycle: production, owner: group:storefront, dependsOn: [component:checkout]}
        """);
    registry.add("VIGIL_GRAPH_SOURCES", () -> "shop=backstage-yaml:" + catalog);
    registry.add("VIGIL_DATA_DIR", data::toString);
    registry.add("VIGIL_CONFIG_DIR", config::toString);
    registry.add("VIGIL_ADMIN_TOKEN", () -> TOKEN);
    registry.add("VIGIL_BIND_ADDRESS", () -> "127.0.0.1");
    registry.add("VIGIL_ENGINE_THREADS", () -> "2");
  }

  @Test
  void theBadDeployFailsInOneThreadWithChartsAndAFindingAndARedeliveryWakesNothing() throws Exception {
    Instant deployed = scenarioStart.plus(Duration.ofMinutes(3));
    String delivery = UUID.randomUUID().toString();
    String body = deploymentStatus("checkout", "2.4.0", deployed);

    assertThat(send("POST", "/api/v1/graph/refresh").statusCode()).isEqualTo(200);
    HttpResponse<String> first = github(body, delivery);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(posts("checkout 2.4.0")).hasSize(3));
    List<JsonNode> thread = posts("checkout 2.4.0");
    assertThat(thread.get(0).get("text").asString()).startsWith("deploy-watch: watching checkout 2.4.0 (production)")
        .contains("owned by team:payments-team").contains("called by frontend")
        .contains("runbook https://runbooks.example.com/checkout");
    assertThat(thread.get(1).path("card").path("owner").asString()).isEqualTo("team:payments-team");
    assertThat(thread.get(1).path("card").path("title").asString()).isEqualTo("checkout 2.4.0 (production): FAIL at +5m");
    assertThat(thread.get(2).path("card").path("title").asString()).isEqualTo("checkout 2.4.0 (production): FAIL at +7m");
    assertThat(thread.subList(1, 3)).allSatisfy(p -> assertThat(p.get("replyTo").asString())
        .as("the verdicts answer the plan").isEqualTo(thread.get(0).get("key").asString()));
    assertThat(thread.get(1).get("text").asString()).contains("latency_p99: ").contains("error_ratio: ")
        .contains("Next step: roll checkout back").contains(shop.get("VIGIL_PROM_URL") + "/graph?g0.expr=");
    assertThat(charts("checkout")).as("a chart per failing signal and check").hasSize(4);

    JsonNode finding = findings().stream().filter(f -> f.get("service").asString().equals("checkout")).findFirst()
        .orElseThrow();
    assertThat(finding.get("severity").asString()).isEqualTo("critical");
    assertThat(finding.get("occurrences").asInt()).as("the +5 and +7 checks share one finding").isEqualTo(2);
    assertThat(finding.get("evidence").findValuesAsString("query")).anyMatch(q -> q.contains("service=\"checkout\""));
    assertThat(finding.get("nextSteps").toString()).contains("follow the runbook https://runbooks.example.com/checkout")
        .contains("tell team:payments-team");

    HttpResponse<String> again = github(body, delivery);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicate\":true");
  }

  @Test
  void theGoodDeployPassesBothChecksWithoutAFinding() throws Exception {
    Instant deployed = scenarioStart.plus(Duration.ofMinutes(1));
    assertThat(github(deploymentStatus("shipping", "3.1.0", deployed), UUID.randomUUID().toString()).statusCode())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(posts("shipping 3.1.0")).hasSize(3));
    List<JsonNode> thread = posts("shipping 3.1.0");
    assertThat(thread.get(1).path("card").path("title").asString()).as(thread.get(1).get("text").asString()).isEqualTo("shipping 3.1.0 (production): PASS at +5m");
    assertThat(thread.get(2).path("card").path("title").asString()).isEqualTo("shipping 3.1.0 (production): PASS at +7m");
    assertThat(charts("shipping")).isEmpty();
    assertThat(findings()).noneMatch(f -> f.get("service").asString().equals("shipping"));
  }

  /** GitHub's own deployment_status payload, made a successful production deploy of {@code service}. */
  private static String deploymentStatus(String service, String version, Instant at) throws IOException {
    Path real = benchData().resolve("payloads/github/deployment_status/payload.json");
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(real));
    ObjectNode deployment = (ObjectNode) root.get("deployment");
    deployment.put("environment", "production").put("ref", version);
    deployment.putObject("payload").put("service", service).put("version", version);
    ((ObjectNode) root.get("deployment_status")).put("state", "success").put("environment", "production")
        .put("updated_at", at.toString());
    return JSON.writeValueAsString(root);
  }

  private static Path benchData() {
    Path dir = Path.of(System.getenv().getOrDefault("VIGIL_BENCH_DATA", "../../shared/bench"));
    assertThat(dir.resolve("payloads/github")).as("the shared bench data (set VIGIL_BENCH_DATA)").isDirectory();
    return dir;
  }

  private HttpResponse<String> github(String body, String delivery) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/github"))
        .header("Content-Type", "application/json").header("X-GitHub-Event", "deployment_status")
        .header("X-GitHub-Delivery", delivery).header("X-Hub-Signature-256", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The thread of one deploy in #deploys, oldest first: messages whose text names it, and their replies. */
  private List<JsonNode> posts(String deploy) {
    List<JsonNode> all = get("/api/v1/chat/messages?channel=%23deploys&limit=1000").get("messages").valueStream()
        .sorted((a, b) -> a.get("receivedAt").asString().compareTo(b.get("receivedAt").asString())).toList();
    return all.stream().filter(m -> m.get("text").asString().contains(deploy)).toList();
  }

  private List<JsonNode> charts(String service) {
    return get("/api/v1/chat/messages?channel=%23deploys&limit=1000").get("messages").valueStream()
        .filter(m -> m.has("attachment") && m.get("attachment").get("name").asString().startsWith(service + "-"))
        .toList();
  }

  private List<JsonNode> findings() {
    return get("/api/v1/findings?limit=100").get("findings").valueStream().toList();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
