package dev.vigil.server.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.demo.shop.Scenario;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineMetrics;
import dev.vigil.engine.EnginePorts;
import dev.vigil.engine.EngineSettings;
import dev.vigil.integrations.ConfiguredChatChannel;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.integrations.http.JdkHttpProbe;
import dev.vigil.server.config.ServerSettings;
import dev.vigil.store.Database;
import dev.vigil.store.FileWorkspaces;
import dev.vigil.store.JdbcAgentStore;
import dev.vigil.store.JdbcAuditLog;
import dev.vigil.store.JdbcConsoleChat;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.JdbcFindingStore;
import dev.vigil.store.JdbcIntegrationStore;
import dev.vigil.store.JdbcOutboxStore;
import dev.vigil.store.JdbcRunStore;
import java.time.Clock;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * shop through its scoped grant, reads the changeset from the shop's real Git repository through the git
 * integration, plans which services to judge from the shop's catalog, and posts its thread to the built-in
 * chat and a finding. The shop's
 * standard scenario is played three hours in the past, so the checks of its deploys are due at once
 * and read backfilled history, as a backtest would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the good deploy's watch reads the bad one's; the memory needs its finding
class DeployWatchIT {
  private static final String TOKEN = "deploy-watch-it-" + UUID.randomUUID();
  private static final String SECRET = "github-secret-" + UUID.randomUUID();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ScriptedServer shop;
  private static Instant scenarioStart;

  @LocalServerPort
  int port;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.context.ApplicationContext context;

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
    String repo = shop.get("SHOP_REPO");
    // Checks at +5 and +7 minutes: by then the good deploy (shipping, +2 min) has met no slowdown (+9 min).
    Files.writeString(config.resolve("agents.yaml"), """
        apiVersion: vigil.dev/v1
        integrations:
          - {name: prom-demo, type: prometheus, url: "%s"}
          - {name: github-demo, type: github, webhookSecret: "${file:%s}"}
          - {name: shop-git, type: git, url: "file://%s", branch: main}
        agents:
          - name: deploy-watcher
            channels: ["#deploys"]
            grants:
              - {integration: prom-demo, permission: "metrics:read", scope: ['{job="shop"}']}
              - {integration: chat, permission: "chat:post", scope: ["#deploys"]}
              - {integration: shop-git, permission: "github:read", scope: [acme/shop]}
            tasks:
              - name: watch
                kind: deploy-watch
                parameters: {metrics: prom-demo, channel: "#deploys", environment: production, early: 5m, late: 7m,
                  step: 1m, graphUrl: "%1$s", changes: shop-git}
                trigger: {event: {source: github, type: deployment_status}}
          # Watches email deploys now, with checks 30 s apart, for the restart between them.
          - name: restart-watcher
            channels: ["#restart"]
            grants:
              - {integration: prom-demo, permission: "metrics:read", scope: ['{job="shop"}']}
              - {integration: chat, permission: "chat:post", scope: ["#restart"]}
            tasks:
              - name: watch
                kind: deploy-watch
                parameters: {metrics: prom-demo, channel: "#restart", early: 3m, late: 210s, rateWindow: 1m}
                trigger: {event: {source: github, type: deployment_status, labels: {service: email}}}
          # Watches search deploys now: a newer one during the watch ends it.
          - name: supersede-watcher
            channels: ["#supersede"]
            grants:
              - {integration: prom-demo, permission: "metrics:read", scope: ['{job="shop"}']}
              - {integration: chat, permission: "chat:post", scope: ["#supersede"]}
            tasks:
              - name: watch
                kind: deploy-watch
                parameters: {metrics: prom-demo, channel: "#supersede", early: 3m, late: 210s, rateWindow: 1m}
                trigger: {event: {source: github, type: deployment_status, labels: {service: search}}}
        """.formatted(shop.get("VIGIL_PROM_URL"), secret, repo));
    // What the context graph knows comes from the shop's own repository: its catalog and CODEOWNERS.
    registry.add("VIGIL_GRAPH_SOURCES", () -> "shop=backstage:git+file://" + repo + "#main,shop-owners=codeowners:git+file://"
        + repo + "#main");
    registry.add("VIGIL_DATA_DIR", data::toString);
    registry.add("VIGIL_CONFIG_DIR", config::toString);
    registry.add("VIGIL_ADMIN_TOKEN", () -> TOKEN);
    registry.add("VIGIL_BIND_ADDRESS", () -> "127.0.0.1");
    registry.add("VIGIL_ENGINE_THREADS", () -> "2");
  }

  @Test
  @Order(1)
  void theBadDeployFailsInOneThreadCitingServiceSignalAndCommitAndARedeliveryWakesNothing() throws Exception {
    Instant deployed = scenarioStart.plus(Scenario.standard().deployOffset("checkout"));
    String delivery = UUID.randomUUID().toString();
    String head = commitOf("checkout-v2.4.0");
    String previous = previousRelease("checkout", "checkout-v2.4.0");
    String body = deploymentStatus("checkout", "2.4.0", deployed, head, previous);

    assertThat(send("POST", "/api/v1/graph/refresh").statusCode()).isEqualTo(200);
    HttpResponse<String> first = github(body, delivery);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(posts("checkout 2.4.0")).hasSize(3));
    List<JsonNode> thread = posts("checkout 2.4.0");
    String plan = thread.get(0).get("text").asString();
    assertThat(plan).startsWith("deploy-watch: watching checkout 2.4.0 (production)")
        .containsPattern("Changes: \\d+ commits from " + previous.substring(0, 7) + " \\(deployed before\\) to "
            + head.substring(0, 7))
        .contains(head.substring(0, 7) + " \"new tax calculation (calls the tax rules once per line item)\" (")
        .contains("\n- checkout (deployed): latency_p99, error_ratio, traffic")
        .contains("\n- frontend (dependent: calls checkout): latency_p99, error_ratio, traffic")
        .containsPattern("\n- Also in the range, shipped by their own deploys and not judged here: .*email \\(2 files"
            + " under services/email/\\)")
        .contains("owned by team:payments-team")
        .contains("runbook https://github.com/acme/shop/blob/main/runbooks/high-error-ratio.md");
    assertThat(thread.get(1).path("card").path("owner").asString()).startsWith("team:payments-team");
    assertThat(thread.get(1).path("card").path("title").asString()).isEqualTo("checkout 2.4.0 (production): FAIL at +5m");
    assertThat(thread.get(2).path("card").path("title").asString()).isEqualTo("checkout 2.4.0 (production): FAIL at +7m");
    assertThat(thread.subList(1, 3)).allSatisfy(p -> assertThat(p.get("replyTo").asString())
        .as("the verdicts answer the plan").isEqualTo(thread.get(0).get("key").asString()));
    String early = thread.get(1).get("text").asString();
    Files.writeString(Path.of("target/deploy-watch-thread.txt"), plan + "\n\n" + early); // for a look after the run
    assertThat(early).contains("checkout (deployed): FAIL").contains("latency_p99: ").contains("error_ratio: ")
        .contains("\nfrontend (dependent: calls checkout): ")
        .contains("Suspicious commits for checkout: " + head.substring(0, 7) + " \"new tax calculation")
        .contains("Next step: roll checkout back from 2.4.0 (" + head.substring(0, 7) + ") to " + previous.substring(0, 7)
            + ", the commit deployed before it, then follow the runbook https://github.com/acme/shop/blob/main/runbooks/")
        .contains(shop.get("VIGIL_PROM_URL") + "/graph?g0.expr=");
    assertThat(early.substring(early.indexOf("Suspicious commits for checkout:")).lines().findFirst().orElseThrow())
        .as("shipping's commit in the range does not touch checkout").doesNotContain("print labels");
    assertThat(charts("checkout")).as("a chart per failing signal and check").hasSizeGreaterThanOrEqualTo(4);

    JsonNode finding = findings().stream().filter(f -> f.get("service").asString().equals("checkout")).findFirst()
        .orElseThrow();
    assertThat(finding.get("severity").asString()).isEqualTo("critical");
    assertThat(finding.get("summary").asString()).matches("deploy checkout 2.4.0 \\(production\\) fails at \\+[57]m: .*")
        .contains("latency_p99");
    assertThat(finding.get("occurrences").asInt()).as("the +5 and +7 checks share one finding").isEqualTo(2);
    assertThat(finding.get("evidence").findValuesAsString("query")).anyMatch(q -> q.contains("service=\"checkout\""));
    assertThat(finding.get("nextSteps").toString()).contains("follow the runbook https://github.com/acme/shop/")
        .contains("Suspicious commits for checkout: " + head.substring(0, 7)).contains("tell team:payments-team");

    HttpResponse<String> again = github(body, delivery);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"duplicate\":true");
    Thread.sleep(2000);
    assertThat(posts("checkout 2.4.0")).as("a redelivery posts nothing").hasSize(3);
  }

  @Test
  @Order(2)
  void theGoodDeployPassesWithoutAFindingAndLeavesItsCallersOwnDeployToItsWatch() throws Exception {
    Instant deployed = scenarioStart.plus(Scenario.standard().deployOffset("shipping"));
    assertThat(github(deploymentStatus("shipping", "3.1.0", deployed, commitOf("shipping-v3.1.0"), ""),
        UUID.randomUUID().toString()).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(posts("shipping 3.1.0")).hasSize(3));
    List<JsonNode> thread = posts("shipping 3.1.0");
    assertThat(thread.get(0).get("text").asString()).as("no previous deploy of shipping was seen")
        .contains("Changes: unknown. The commit deployed before is unknown")
        .contains("\n- checkout (dependent: calls shipping)");
    assertThat(thread.get(1).path("card").path("title").asString()).as(thread.get(1).get("text").asString()).isEqualTo("shipping 3.1.0 (production): PASS at +5m");
    assertThat(thread.get(2).path("card").path("title").asString()).isEqualTo("shipping 3.1.0 (production): PASS at +7m");
    assertThat(thread.get(1).get("text").asString()).as("checkout's regression is its own deploy's")
        .contains("checkout was itself deployed (2.4.0 at ");
    assertThat(findings()).noneMatch(f -> f.get("summary").asString().contains("shipping 3.1.0"));
  }

  @Test
  @Order(3)
  void aFalsePositiveIsRememberedForThatServiceAndSignalAndTheNextWatchSaysHow() throws Exception {
    JsonNode finding = findings().stream().filter(f -> f.get("service").asString().equals("checkout")).findFirst()
        .orElseThrow();
    HttpResponse<String> marked = send("POST", "/api/v1/findings/" + finding.get("id").asString() + "/false-positive",
        "{\"reason\": \"the tax rules cache warms up after a release\"}");
    assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);

    // The same release deployed again later (a roll forward) is watched anew.
    Instant deployed = scenarioStart.plus(Scenario.standard().deployOffset("checkout"));
    String body = deploymentStatus("checkout", "2.4.0-again", deployed, commitOf("checkout-v2.4.0"),
        previousRelease("checkout", "checkout-v2.4.0"));
    assertThat(github(body, UUID.randomUUID().toString()).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(posts("checkout 2.4.0-again")).hasSize(3));
    String early = posts("checkout 2.4.0-again").get(1).get("text").asString();
    Files.writeString(Path.of("target/deploy-watch-remembered.txt"), early); // for a look after the run
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    assertThat(early).contains("Remembered: latency_p99 on checkout was marked false positive on " + today
        + ": 'the tax rules cache warms up after a release'; its tolerance is raised from 20%,3sd to ");
    assertThat(early.lines().filter(l -> l.startsWith("- latency_p99: ")).findFirst().orElseThrow())
        .as("the shift people called harmless passes").contains(": PASS - ");
  }

  @Test
  @Order(4)
  void theBacktestApiSaysWhatTheAgentsWatchWouldHaveSaidAboutPastDeploys() throws Exception {
    Instant until = scenarioStart.plus(Duration.ofMinutes(20));
    JsonNode report = get("/api/v1/backtests/deploys?agent=deploy-watcher&service=checkout&since=1h&until=" + until);

    assertThat(report.get("task").asString()).isEqualTo("watch");
    assertThat(report.get("signals").asString()).isEqualTo("prometheus-http");
    JsonNode bad = report.get("deploys").valueStream().filter(d -> Math.abs(Duration.between(
        Instant.parse(d.get("deployedAt").asString()), scenarioStart.plus(Scenario.standard().deployOffset("checkout"))).toSeconds()) < 90)
        .findFirst().orElseThrow(() -> new AssertionError("the bad deploy is found from its restarts: " + report));
    assertThat(bad.get("verdict").asString()).isEqualTo("fail");
    assertThat(bad.get("decidedAtMinute").asInt()).as("the task's early check").isEqualTo(5);
    assertThat(bad.get("checks").get(0).get("post").asString()).startsWith("deploy-watch checkout @")
        .contains("at +5m: FAIL").contains("latency_p99: ");

    // ./vigil backtest deploys --agent: the same, through the API, printed as the watch would have posted it
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    int status = dev.vigil.cli.BacktestCommand.run(new String[] {"--agent", "deploy-watcher", "--service", "checkout",
        "--since", "1h", "--until", until.toString(), "--url", "http://127.0.0.1:" + port},
        new java.io.PrintStream(printed, true, StandardCharsets.UTF_8), System.err, Clock.systemUTC(),
        java.util.Map.of("VIGIL_TOKEN", TOKEN));
    assertThat(status).as("a deploy would have failed").isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("backtest of checkout by deploy-watcher/watch on"
        + " the server: ").contains("at +5m: FAIL").doesNotContain(TOKEN);

    assertThat(send("GET", "/api/v1/backtests/deploys?agent=nobody&service=checkout").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v1/backtests/deploys?agent=deploy-watcher&service=checkout&since=40d").statusCode())
        .isEqualTo(400);
    HttpResponse<String> quoted = send("GET", "/api/v1/backtests/deploys?agent=deploy-watcher&service=a%22b");
    assertThat(quoted.statusCode()).isEqualTo(400);
    assertThat(quoted.body()).contains("is not a plain name");
  }

  @Test
  @Order(5)
  void aNewerDeployDuringTheWatchEndsItInItsThreadWithoutTheLastCheck() throws Exception {
    // The first deploy's +3m check is due at once, its +3m30s one in 25 s; the newer deploy comes in between.
    Instant first = Instant.now().minus(Duration.ofSeconds(185));
    assertThat(github(deploymentStatus("search", "4.0.0", first, commitOf("checkout-v2.4.0"), "", "staging"),
        UUID.randomUUID().toString()).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(channel("#supersede", "search 4.0.0 ")).hasSize(2));
    assertThat(github(deploymentStatus("search", "4.0.1", Instant.now(), commitOf("shipping-v3.1.0"), "", "staging"),
        UUID.randomUUID().toString()).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(channel("#supersede", "search 4.0.0 ")).hasSize(3));
    List<JsonNode> thread = channel("#supersede", "search 4.0.0 ");
    assertThat(thread.get(2).get("text").asString()).startsWith("deploy-watch search 4.0.0 (staging): superseded by"
        + " search 4.0.1 (staging)").contains("This watch ends without the +3m30s check");
    assertThat(thread.get(2).get("replyTo").asString()).isEqualTo(thread.get(0).get("key").asString());
    assertThat(channel("#supersede", "search 4.0.1 ").getFirst().get("text").asString())
        .startsWith("deploy-watch: watching search 4.0.1 (staging)");
  }

  /** The posts (no charts) of a channel that name {@code what}, oldest first. */
  private List<JsonNode> channel(String channel, String what) {
    return get("/api/v1/chat/messages?channel=" + channel.replace("#", "%23") + "&limit=100").get("messages")
        .valueStream().filter(m -> !m.has("attachment") && m.get("text").asString().contains(what))
        .sorted((a, b) -> a.get("receivedAt").asString().compareTo(b.get("receivedAt").asString())).toList();
  }

  @Test
  @Order(6)
  void aRestartOfTheEngineBetweenTheChecksLosesNothingAndTheThreadGetsBothVerdictsOnce() throws Exception {
    // Deployed 3 min 5 s ago: the +3m check is due at once, the +3m30s one in 25 s.
    Instant deployed = Instant.now().minus(Duration.ofSeconds(185));
    // To staging: the production deploy-watcher reads it and lets it be.
    assertThat(github(deploymentStatus("email", "7.0.0", deployed, commitOf("checkout-v2.4.0"), "", "staging"),
        UUID.randomUUID().toString()).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(restartThread()).hasSize(2));
    Engine first = context.getBean(Engine.class);
    first.close(); // the scheduler stops; the run waits on its durable timer in the database

    Instant late = deployed.plus(Duration.ofSeconds(210));
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), late).toMillis()) + 3000);
    assertThat(restartThread()).as("nothing runs while the engine is down").hasSize(2);

    Engine second = restartedEngine();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(restartThread()).hasSize(3));
      List<JsonNode> thread = restartThread();
      assertThat(thread.get(1).path("card").path("title").asString()).startsWith("email 7.0.0 (staging): ")
          .endsWith(" at +3m");
      assertThat(thread.get(2).path("card").path("title").asString()).endsWith(" at +210s");
      assertThat(thread.subList(1, 3)).allSatisfy(p -> assertThat(p.get("replyTo").asString())
          .isEqualTo(thread.get(0).get("key").asString()));
      Thread.sleep(3000);
      assertThat(restartThread()).as("each verdict posted once").hasSize(3);
      JsonNode run = get("/api/v1/runs?agent=restart-watcher&limit=10").get("runs").get(0);
      JsonNode steps = get("/api/v1/runs/" + run.get("id").asString()).get("steps");
      assertThat(steps.valueStream().map(st -> st.get("attempts").asInt()).toList()).containsExactly(1, 1, 1);
    } finally {
      second.close();
    }
  }

  /** The restart-watcher's posts (no charts), oldest first. */
  private List<JsonNode> restartThread() {
    return get("/api/v1/chat/messages?channel=%23restart&limit=100").get("messages").valueStream()
        .filter(m -> !m.has("attachment"))
        .sorted((a, b) -> a.get("receivedAt").asString().compareTo(b.get("receivedAt").asString())).toList();
  }

  /** A new engine on the same database and stores, as after a restart of the server. */
  private Engine restartedEngine() {
    ServerSettings settings = context.getBean(ServerSettings.class);
    Database db = context.getBean(Database.class);
    JdbcIntegrationStore integrations = context.getBean(JdbcIntegrationStore.class);
    SecretResolver secrets = context.getBean(SecretResolver.class);
    EnginePorts ports = new EnginePorts(db.transactor(), context.getBean(JdbcAgentStore.class),
        context.getBean(JdbcRunStore.class), context.getBean(JdbcOutboxStore.class),
        context.getBean(JdbcFindingStore.class), context.getBean(JdbcEventStore.class),
        context.getBean(JdbcAuditLog.class), new ConfiguredChatChannel("chat", integrations, secrets,
            context.getBean(JdbcConsoleChat.class)), new JdkHttpProbe(), context.getBean(FileWorkspaces.class),
        new ConfiguredIntegrations(integrations, secrets), context.getBean(ContextGraph.class));
    Engine engine = new Engine(EngineSettings.defaults(settings.nodeName()).withThreads(2), ports,
        context.getBean(TaskKindRegistry.class), db.rawDataSource(), db.dataSource(), db.isPostgres(),
        new EngineMetrics() {}, Clock.systemUTC());
    engine.start();
    return engine;
  }

  /** GitHub's own deployment_status payload, made a successful production deploy of {@code service} of the shop. */
  private static String deploymentStatus(String service, String version, Instant at, String sha, String previous)
      throws IOException {
    return deploymentStatus(service, version, at, sha, previous, "production");
  }

  private static String deploymentStatus(String service, String version, Instant at, String sha, String previous,
      String environment) throws IOException {
    Path real = benchData().resolve("payloads/github/deployment_status/payload.json");
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(real));
    ObjectNode deployment = (ObjectNode) root.get("deployment");
    deployment.put("environment", environment).put("ref", version).put("sha", sha);
    ObjectNode payload = deployment.putObject("payload").put("service", service).put("version", version);
    if (!previous.isEmpty()) {
      payload.put("previous_sha", previous);
    }
    ((ObjectNode) root.get("repository")).put("full_name", "acme/shop").put("name", "shop");
    ((ObjectNode) root.get("deployment_status")).put("state", "success").put("environment", environment)
        .put("updated_at", at.toString());
    return JSON.writeValueAsString(root);
  }

  /** The commit a tag of the shop's repository names. */
  private static String commitOf(String tag) throws IOException {
    try (org.eclipse.jgit.lib.Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
        .setGitDir(Path.of(shop.get("SHOP_REPO"), ".git").toFile()).build()) {
      org.eclipse.jgit.lib.Ref ref = repo.exactRef("refs/tags/" + tag);
      assertThat(ref).as("tag " + tag + " in the shop's repository").isNotNull();
      return ref.getObjectId().getName();
    }
  }

  /**
   * The commit of the release of {@code service} tagged last before {@code tag}, else the initial import: what
   * a deploy tool reports (the shop's history holds a routine release of checkout or not, by the time of day).
   */
  private static String previousRelease(String service, String tag) throws IOException {
    try (org.eclipse.jgit.lib.Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
        .setGitDir(Path.of(shop.get("SHOP_REPO"), ".git").toFile()).build();
        org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
      int at = walk.parseCommit(repo.exactRef("refs/tags/" + tag).getObjectId()).getCommitTime();
      org.eclipse.jgit.revwalk.RevCommit best = null;
      for (org.eclipse.jgit.lib.Ref r : repo.getRefDatabase().getRefsByPrefix("refs/tags/" + service + "-v")) {
        org.eclipse.jgit.revwalk.RevCommit c = walk.parseCommit(r.getObjectId());
        if (c.getCommitTime() < at && (best == null || c.getCommitTime() > best.getCommitTime())) {
          best = c;
        }
      }
      if (best == null) {
        // No release of it in the history: what runs is the initial import, the root of the history.
        walk.reset();
        walk.markStart(walk.parseCommit(repo.exactRef("refs/tags/" + tag).getObjectId()));
        for (org.eclipse.jgit.revwalk.RevCommit c : walk) {
          best = c;
        }
      }
      return best.getName();
    }
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
    return all.stream().filter(m -> !m.has("attachment") && m.get("text").asString().contains(deploy)).toList();
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

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
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
