package dev.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.store.JdbcConsoleChat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The REST API's contract, run against a real server on a random port. Subclasses choose the
 * database. Every test works on agents with names of its own, so the tests share one server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ApiContract implements EventsContract {
  static final String TOKEN = "test-admin-token-" + UUID.randomUUID();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final Duration RUN_WAIT = Duration.ofSeconds(15);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort
  int port;

  @Autowired
  JdbcConsoleChat consoleChat;

  /** Settings every subclass shares: a private data folder, a known admin token, a small body limit. */
  static void commonProperties(DynamicPropertyRegistry registry) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("vigil-api-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("VIGIL_DATA_DIR", dataDir::toString);
    Path configDir = dataDir.resolve("config");
    try {
      Files.createDirectories(configDir);
      Files.writeString(configDir.resolve("startup.yaml"), STARTUP_YAML);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("VIGIL_CONFIG_DIR", configDir::toString);
    registry.add("VIGIL_HOOK_SECRET", () -> SHARED_HOOK_SECRET);
    registry.add("VIGIL_HOOK_SECRET_BUILD_SERVER", () -> BUILD_SERVER_HOOK_SECRET);
    registry.add("VIGIL_ADMIN_TOKEN", () -> TOKEN);
    registry.add("VIGIL_MAX_BODY", () -> "64KiB");
    registry.add("VIGIL_ENGINE_THREADS", () -> "2");
    registry.add("VIGIL_BIND_ADDRESS", () -> "127.0.0.1");
  }

  static final String SHARED_HOOK_SECRET = "shared-hook-secret-" + UUID.randomUUID();
  static final String BUILD_SERVER_HOOK_SECRET = "build-server-secret-" + UUID.randomUUID();

  /** What every test server applies from VIGIL_CONFIG_DIR at startup: an integration and an agent using it. */
  static final String STARTUP_YAML = """
      apiVersion: vigil.dev/v1
      integrations:
        - name: startup-prom
          type: prometheus
          url: http://127.0.0.1:9/
      hooks:
        - source: startup-hook
          type: "startup.{$.kind}"
      agents:
        - name: startup-agent
          purpose: proves that VIGIL_CONFIG_DIR is applied at startup
          grants:
            - {integration: startup-prom, permission: "metrics:read", scope: ['{namespace="payments"}']}
          tasks:
            - name: by-hand
              kind: heartbeat
              parameters: {channel: "#startup"}
      """;

  // ---------------------------------------------------------------- agents as code

  @Test
  void integrations_and_agents_in_the_config_dir_are_applied_at_startup() {
    Resp integration = get("/api/v1/integrations/startup-prom");
    assertThat(integration.status()).as(integration.body()).isEqualTo(200);
    assertThat(integration.json().at("/integration/type").asString()).isEqualTo("prometheus");
    Resp agent = get("/api/v1/agents/startup-agent");
    assertThat(agent.status()).as(agent.body()).isEqualTo(200);
    assertThat(agent.json().at("/grants/0/integration").asString()).isEqualTo("startup-prom");
    assertThat(get("/api/v1/export").body()).contains("startup-hook", "startup.{$.kind}");
    Resp hooked = send("POST", "/hooks/startup-hook", "application/json", "{\"kind\": \"ready\"}");
    assertThat(hooked.status()).as(hooked.body()).isEqualTo(202);
    assertThat(get("/api/v1/events/" + hooked.json().get("event").asString()).json().get("type").asString())
        .isEqualTo("startup.ready");
  }

  @Test
  void applied_agents_yaml_is_exported_back_as_an_equal_document() {
    String a = unique("applied-a");
    String b = unique("applied-b");
    String yaml = """
        apiVersion: vigil.dev/v1
        agents:
          - name: %s
            purpose: Says hello every minute
            owner: team-platform
            channels: ["#ops"]
            grants:
              - {integration: chat, permission: "chat:post", scope: ["#ops"]}
            skills: []
            memory: []
            paused: false
            tasks:
              - name: every-minute
                kind: heartbeat
                enabled: true
                parameters: {channel: "#ops", message: "{agent} is alive", delay: 0s}
                trigger: {schedule: {cron: "* * * * *", timeZone: Europe/Berlin, catchUp: skip}}
          - name: %s
            purpose: Greets deploys
            owner: team-payments
            channels: ["#deploys"]
            grants:
              - {integration: chat, permission: "chat:post", scope: ["#deploys"]}
            skills: []
            memory: []
            paused: true
            tasks:
              - name: on-deploy
                kind: heartbeat
                enabled: true
                parameters: {channel: "#deploys", message: "deploy seen", delay: 30s}
                trigger: {event: {source: github, type: deployment_status}}
        """.formatted(a, b);

    Resp applied = send("POST", "/api/v1/apply", "application/yaml", yaml);
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    assertThat(applied.json().get("applied").valueStream().map(JsonNode::asString).toList()).containsExactly(a, b);

    Resp exported = get("/api/v1/export");
    assertThat(exported.status()).isEqualTo(200);
    assertThat(exported.contentType()).startsWith("application/yaml");
    JsonNode exportedDoc = YAML.readTree(exported.body());
    JsonNode appliedDoc = YAML.readTree(yaml);
    assertThat(exportedDoc.get("apiVersion")).isEqualTo(appliedDoc.get("apiVersion"));
    List<JsonNode> mine = exportedDoc.get("agents").valueStream()
        .filter(n -> List.of(a, b).contains(n.get("name").asString())).toList();
    assertThat(mine).containsExactly(appliedDoc.get("agents").get(0), appliedDoc.get("agents").get(1));

    Resp asJson = send("GET", "/api/v1/export", null, null, "Accept", "application/json");
    assertThat(asJson.contentType()).startsWith("application/json");
    assertThat(asJson.json().get("agents").valueStream().filter(n -> n.get("name").asString().equals(a)).findFirst())
        .contains(appliedDoc.get("agents").get(0));
  }

  @Test
  void an_agent_is_created_read_replaced_and_deleted() {
    String name = unique("crud");
    Resp created = send("POST", "/api/v1/agents", "application/json", heartbeatAgentJson(name, "#crud", "hello"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("name").asString()).isEqualTo(name);

    Resp again = send("POST", "/api/v1/agents", "application/json", heartbeatAgentJson(name, "#crud", "hello"));
    assertProblem(again, 409, name);

    Resp read = get("/api/v1/agents/" + name);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().at("/tasks/0/parameters/message").asString()).isEqualTo("hello");

    Resp replaced = send("PUT", "/api/v1/agents/" + name, "application/json", heartbeatAgentJson(name, "#crud", "bye"));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(get("/api/v1/agents/" + name).json().at("/tasks/0/parameters/message").asString()).isEqualTo("bye");

    Resp workspace = get("/api/v1/agents/" + name + "/workspace");
    assertThat(workspace.status()).isEqualTo(200);
    assertThat(workspace.json().get("created").asBoolean()).isFalse();
    assertThat(workspace.json().get("path").asString()).endsWith("/workspaces/" + name);
    assertThat(workspace.json().get("files")).isEmpty();
    assertProblem(get("/api/v1/agents/nobody-" + name + "/workspace"), 404, "nobody-" + name);

    Resp mismatch = send("PUT", "/api/v1/agents/other-name", "application/json", heartbeatAgentJson(name, "#crud", "x"));
    assertProblem(mismatch, 400, "does not match");

    assertThat(send("DELETE", "/api/v1/agents/" + name, null, null).status()).isEqualTo(204);
    assertProblem(get("/api/v1/agents/" + name), 404, name);
    assertProblem(send("DELETE", "/api/v1/agents/" + name, null, null), 404, name);
  }

  // ---------------------------------------------------------------- events, runs, chat

  @Test
  void an_event_wakes_a_heartbeat_agent_once_per_event_id() {
    String name = unique("evt");
    String channel = "#x-" + name;
    String agent = """
        {"name": "%s", "purpose": "answers deploys", "owner": "team-a", "channels": ["%s"],
         "grants": [{"integration": "chat", "permission": "chat:post", "scope": ["%s"]}],
         "tasks": [{"name": "on-deploy", "kind": "heartbeat",
                    "parameters": {"channel": "%s", "message": "{agent} saw {reason}"},
                    "trigger": {"event": {"source": "github", "type": "deployment_status",
                                          "labels": {"agent": "%s"}}}}]}
        """.formatted(name, channel, channel, channel, name);
    assertThat(send("POST", "/api/v1/agents", "application/json", agent).status()).isEqualTo(201);

    String eventId = "delivery-" + UUID.randomUUID();
    String event = """
        {"source": "github", "type": "deployment_status", "id": "%s", "subject": "payments",
         "labels": {"agent": "%s"}, "text": "deployed"}
        """.formatted(eventId, name);
    Resp accepted = send("POST", "/api/v1/events", "application/json", event);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.json().get("duplicate").asBoolean()).isFalse();
    assertThat(accepted.json().get("runs")).hasSize(1);
    String runId = accepted.json().get("runs").get(0).asString();

    JsonNode run = awaitRunFinished(runId);
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.get("steps").valueStream().map(s -> s.get("name").asString()).toList())
        .containsExactly("compose", "post");
    assertThat(run.get("steps").valueStream().map(s -> s.get("status").asString()).toList())
        .containsOnly("succeeded");
    await().atMost(RUN_WAIT).untilAsserted(() ->
        assertThat(get("/api/v1/chat/messages?channel=" + enc(channel)).json().get("messages")).hasSize(1));
    JsonNode message = get("/api/v1/chat/messages?channel=" + enc(channel)).json().get("messages").get(0);
    assertThat(message.get("agent").asString()).isEqualTo(name);
    assertThat(message.get("text").asString()).startsWith(name + " saw");

    Resp duplicate = send("POST", "/api/v1/events", "application/json", event);
    assertThat(duplicate.status()).isEqualTo(200);
    assertThat(duplicate.json().get("duplicate").asBoolean()).isTrue();
    assertThat(duplicate.json().get("runs")).isEmpty();
    assertThat(get("/api/v1/runs?agent=" + name).json().get("runs")).hasSize(1);

    JsonNode audit = get("/api/v1/audit?actor=" + name).json().get("entries");
    assertThat(audit.valueStream().map(e -> e.get("operation").asString()).toList()).contains("chat:post");
  }

  @Test
  void a_github_webhook_with_a_real_payload_starts_a_run() throws IOException {
    String name = unique("hook");
    String channel = "#hooks-" + name;
    String agent = """
        {"name": "%s", "grants": [{"integration": "chat", "permission": "chat:post", "scope": ["%s"]}],
         "tasks": [{"name": "on-deploy", "kind": "heartbeat", "parameters": {"channel": "%s"},
                    "trigger": {"event": {"source": "github", "type": "deployment_status"}}}]}
        """.formatted(name, channel, channel);
    assertThat(send("POST", "/api/v1/agents", "application/json", agent).status()).isEqualTo(201);

    List<Path> payloads;
    try (Stream<Path> files = Files.list(benchData().resolve("payloads/github/deployment_status"))) {
      payloads = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(payloads).isNotEmpty();
    for (Path payload : payloads) {
      String body = Files.readString(payload);
      String delivery = UUID.randomUUID().toString();
      Resp unauthenticated = send("POST", "/hooks/github", "application/json", body,
          "X-GitHub-Event", "deployment_status", "X-GitHub-Delivery", delivery, "Authorization", null);
      assertProblem(unauthenticated, 401, "Bearer");

      Resp accepted = send("POST", "/hooks/github", "application/json", body,
          "X-GitHub-Event", "deployment_status", "X-GitHub-Delivery", delivery);
      assertThat(accepted.status()).as(payload + ": " + accepted.body()).isEqualTo(202);
      List<String> runs = accepted.json().get("runs").valueStream().map(JsonNode::asString).toList();
      String mine = await().atMost(RUN_WAIT).until(() -> runs.stream()
          .filter(r -> get("/api/v1/runs/" + r).json().get("agent").asString().equals(name)).findFirst().orElse(null),
          r -> r != null);
      assertThat(awaitRunFinished(mine).get("status").asString()).isEqualTo("succeeded");

      JsonNode event = get("/api/v1/events/" + accepted.json().get("event").asString()).json();
      assertThat(event.get("type").asString()).isEqualTo("deployment_status");
      assertThat(event.get("deliveryId").asString()).isEqualTo(delivery);
    }
    assertThat(get("/api/v1/runs?agent=" + name).json().get("runs")).hasSize(payloads.size());
  }

  @Test
  void a_hook_signed_with_its_own_secret_or_the_shared_one_is_accepted_and_a_wrong_signature_stores_nothing()
      throws Exception {
    String body = "{\"type\": \"build_finished\", \"text\": \"build 7 green\", \"id\": \"" + UUID.randomUUID() + "\"}";
    int before = get("/api/v1/events?limit=1000").json().get("events").size();

    Resp own = send("POST", "/hooks/build-server", "application/json", body, "Authorization", null,
        "X-Vigil-Signature-256", sign(BUILD_SERVER_HOOK_SECRET, body));
    assertThat(own.status()).as(own.body()).isEqualTo(202);
    Resp sharedOnOwn = send("POST", "/hooks/build-server", "application/json", body, "Authorization", null,
        "X-Vigil-Signature-256", sign(SHARED_HOOK_SECRET, body));
    assertProblem(sharedOnOwn, 401, "VIGIL_HOOK_SECRET_BUILD_SERVER");
    Resp shared = send("POST", "/hooks/jenkins", "application/json", body, "Authorization", null,
        "X-Vigil-Signature-256", sign(SHARED_HOOK_SECRET, body));
    assertThat(shared.status()).as(shared.body()).isEqualTo(202);
    Resp tampered = send("POST", "/hooks/jenkins", "application/json", body.replace("green", "red"), "Authorization", null,
        "X-Vigil-Signature-256", sign(SHARED_HOOK_SECRET, body));
    assertProblem(tampered, 401, "X-Vigil-Signature-256");

    assertThat(get("/api/v1/events?limit=1000").json().get("events").size()).isEqualTo(before + 2);
  }

  static String sign(String secret, String body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void the_built_in_chat_shows_a_card_a_reply_and_serves_its_chart() throws Exception {
    String channel = "#" + unique("console");
    FindingCard card = FindingCard.of("checkout p99 up", Severity.CRITICAL, "after deploy 4f2a")
        .withEvidence("p99", "412 ms", "180 ms").withLink(URI.create("https://vigil.example/findings/42"));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', (byte) 0xff, 0, 42};
    String rootKey = unique("root");
    consoleChat.deliver(new ChatMessage(new AgentId("console-agent"), channel, "checkout p99 up", rootKey,
        Optional.of(card), Optional.empty(), Optional.empty()));
    consoleChat.deliver(new ChatMessage(new AgentId("console-agent"), channel, "p99 chart", unique("chart"),
        Optional.empty(), Optional.of(new ChatAttachment("p99.png", "p99 chart", png)), Optional.of(rootKey)));

    JsonNode messages = get("/api/v1/chat/messages?channel=" + enc(channel)).json().get("messages");
    assertThat(messages).hasSize(2);
    JsonNode chart = messages.get(0);
    JsonNode root = messages.get(1);
    assertThat(root.at("/card/severity").asString()).isEqualTo("critical");
    assertThat(root.at("/card/evidence/0/observed").asString()).isEqualTo("412 ms");
    assertThat(root.has("replyTo")).isFalse();
    assertThat(chart.get("replyTo").asString()).isEqualTo(rootKey);
    String href = chart.at("/attachment/href").asString();
    HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + href))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(served.body()).isEqualTo(png);
    assertThat(get("/api/v1/chat/messages/" + root.get("id").asLong() + "/attachment").status()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- findings

  @Test
  void an_http_check_of_a_failing_endpoint_files_a_finding_that_people_can_triage() throws IOException {
    HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    failing.createContext("/", exchange -> {
      byte[] b = "boom".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(500, b.length);
      exchange.getResponseBody().write(b);
      exchange.close();
    });
    failing.start();
    try {
      int target = failing.getAddress().getPort();
      String url = "http://127.0.0.1:" + target + "/health";
      String name = unique("probe");
      String agent = """
          {"name": "%s", "grants": [{"integration": "http", "permission": "http:get", "scope": ["127.0.0.1:%d"]}],
           "tasks": [{"name": "health", "kind": "http-check",
                      "parameters": {"url": "%s", "service": "shop", "severity": "critical"}}]}
          """.formatted(name, target, url);
      assertThat(send("POST", "/api/v1/agents", "application/json", agent).status()).isEqualTo(201);

      Resp started = send("POST", "/api/v1/agents/" + name + "/tasks/health/runs", null, null);
      assertThat(started.status()).as(started.body()).isEqualTo(202);
      JsonNode run = awaitRunFinished(started.json().get("run").asString());
      assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
      assertThat(run.get("steps").valueStream().map(s -> s.get("name").asString()).toList())
          .containsExactly("probe", "judge");
      assertThat(run.at("/steps/0/output/status").asInt()).isEqualTo(500);

      JsonNode runs = get("/api/v1/runs?agent=" + name + "&status=succeeded").json();
      assertThat(runs.get("runs").valueStream().map(r -> r.get("id").asString()).toList())
          .containsExactly(run.get("id").asString());

      JsonNode findings = get("/api/v1/findings?agent=" + name).json().get("findings");
      assertThat(findings).hasSize(1);
      JsonNode finding = findings.get(0);
      assertThat(finding.get("severity").asString()).isEqualTo("critical");
      assertThat(finding.get("service").asString()).isEqualTo("shop");
      assertThat(finding.get("status").asString()).isEqualTo("open");
      assertThat(finding.get("evidence")).hasSize(1);
      assertThat(finding.at("/evidence/0/observed").asString()).isEqualTo("HTTP 500");
      assertThat(finding.at("/evidence/0/expected").asString()).isEqualTo("HTTP 200");
      assertThat(finding.at("/evidence/0/query").asString()).isEqualTo("GET " + url);
      String id = finding.get("id").asString();

      Resp ack = send("POST", "/api/v1/findings/" + id + "/acknowledge", null, null);
      assertThat(ack.status()).as(ack.body()).isEqualTo(200);
      assertThat(ack.json().get("status").asString()).isEqualTo("acknowledged");
      Resp resolved = send("POST", "/api/v1/findings/" + id + "/resolve", "application/json", "{\"reason\": \"restarted\"}");
      assertThat(resolved.json().get("status").asString()).isEqualTo("resolved");

      assertProblem(send("POST", "/api/v1/findings/" + id + "/false-positive", null, null), 400, "reason");
      assertProblem(send("POST", "/api/v1/findings/" + id + "/false-positive", "application/json", "{\"reason\": \" \"}"),
          400, "reason");
      assertThat(get("/api/v1/findings/" + id).json().get("status").asString()).isEqualTo("resolved");
      Resp fp = send("POST", "/api/v1/findings/" + id + "/false-positive", "application/json",
          "{\"reason\": \"maintenance window\"}");
      assertThat(fp.status()).as(fp.body()).isEqualTo(200);
      assertThat(fp.json().get("status").asString()).isEqualTo("false-positive");
      assertThat(get("/api/v1/findings/" + id).json().get("statusReason").asString()).isEqualTo("maintenance window");
      assertThat(get("/api/v1/findings?agent=" + name + "&status=false-positive").json().get("findings")).hasSize(1);
      assertProblem(send("POST", "/api/v1/findings/no-such-finding/acknowledge", null, null), 404, "no-such-finding");

      JsonNode audit = get("/api/v1/audit?actor=" + name).json().get("entries");
      assertThat(audit.valueStream().map(e -> e.get("operation").asString()).toList()).contains("http:get");
    } finally {
      failing.stop(0);
    }
  }

  // ---------------------------------------------------------------- operations endpoints

  @Test
  void health_readiness_metrics_and_api_docs_answer_without_a_token() {
    Resp health = send("GET", "/healthz", null, null, "Authorization", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("up");
    Resp ready = send("GET", "/readyz", null, null, "Authorization", null);
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.json().get("database").asString()).isEqualTo("reachable");

    Resp metrics = send("GET", "/metrics", null, null, "Authorization", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body()).containsPattern("(?m)^vigil_\\w+");
    assertThat(metrics.body()).containsPattern("(?m)^jvm_memory_used_bytes\\{")
        .containsPattern("(?m)^jvm_gc_pause_seconds_count\\{|(?m)^jvm_gc_memory_allocated_bytes_total")
        .containsPattern("(?m)^process_cpu_usage ").containsPattern("(?m)^process_uptime_seconds ");

    Resp openapi = send("GET", "/api/openapi.json", null, null, "Authorization", null);
    assertThat(openapi.status()).isEqualTo(200);
    JsonNode spec = openapi.json();
    assertThat(spec.get("openapi").asString()).startsWith("3.");
    assertThat(spec.get("paths").propertyNames()).contains("/api/v1/agents", "/api/v1/apply", "/api/v1/events");

    Resp docs = send("GET", "/api/docs", null, null, "Authorization", null);
    if (docs.status() / 100 == 3) {
      String location = docs.headers().firstValue("Location").orElseThrow();
      Resp ui = send("GET", URI.create("http://127.0.0.1:" + port + "/api/docs").resolve(location).getPath(), null, null,
          "Authorization", null);
      assertThat(ui.status()).isEqualTo(200);
      assertThat(ui.body()).containsIgnoringCase("swagger");
    } else {
      assertThat(docs.status()).isEqualTo(200);
    }
  }

  // ---------------------------------------------------------------- bad input stores nothing

  @Test
  void malformed_json_is_refused_with_where_it_broke() {
    long before = agentCount();
    assertProblem(send("POST", "/api/v1/agents", "application/json", "{\"name\": \"broken\", \"tasks\": [}"),
        400, "malformed JSON", "line 1");
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void a_field_of_the_wrong_type_is_named() {
    String name = unique("wrong-type");
    long before = agentCount();
    String body = "{\"name\": \"" + name + "\", \"paused\": \"yes\"}";
    assertProblem(send("POST", "/api/v1/agents", "application/json", body), 400, "paused");
    assertProblem(get("/api/v1/agents/" + name), 404, name);
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void an_unknown_field_is_named() {
    String name = unique("unknown-field");
    long before = agentCount();
    String body = "{\"name\": \"" + name + "\", \"purpse\": \"typo\"}";
    assertProblem(send("POST", "/api/v1/agents", "application/json", body), 400, "purpse");
    assertProblem(send("POST", "/api/v1/events", "application/json",
        "{\"source\": \"x\", \"type\": \"y\", \"lables\": {}}"), 400, "lables");
    assertProblem(get("/api/v1/agents/" + name), 404, name);
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void an_unknown_task_kind_is_named() {
    String name = unique("unknown-kind");
    long before = agentCount();
    String body = "{\"name\": \"" + name + "\", \"tasks\": [{\"name\": \"t\", \"kind\": \"teleport\"}]}";
    assertProblem(send("POST", "/api/v1/agents", "application/json", body), 400, "teleport");
    assertProblem(get("/api/v1/agents/" + name), 404, name);
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void a_bad_cron_names_the_field_path() {
    String name = unique("bad-cron");
    long before = agentCount();
    Resp r = send("POST", "/api/v1/agents", "application/json", scheduledAgentJson(name, "61 * * * *", "UTC"));
    assertProblem(r, 400, "tasks[0].trigger.schedule.cron");
    assertProblem(get("/api/v1/agents/" + name), 404, name);
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void a_bad_time_zone_is_named() {
    String name = unique("bad-zone");
    long before = agentCount();
    Resp r = send("POST", "/api/v1/agents", "application/json", scheduledAgentJson(name, "* * * * *", "Mars/Olympus"));
    assertProblem(r, 400, "timeZone", "Mars/Olympus");
    assertProblem(get("/api/v1/agents/" + name), 404, name);
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void a_body_over_the_limit_is_refused_with_413() {
    String name = unique("too-large");
    long before = agentCount();
    String big = "{\"name\": \"" + name + "\", \"purpose\": \"" + "x".repeat(100 * 1024) + "\"}";
    assertProblem(send("POST", "/api/v1/agents", "application/json", big), 413, "VIGIL_MAX_BODY");
    assertProblem(get("/api/v1/agents/" + name), 404, name);
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void an_unknown_agent_is_404() {
    assertProblem(get("/api/v1/agents/no-such-agent"), 404, "no-such-agent");
    assertProblem(get("/api/v1/agents/no-such-agent/plan"), 404, "no-such-agent");
    assertProblem(send("POST", "/api/v1/agents/no-such-agent/pause", null, null), 404, "no-such-agent");
    assertProblem(get("/api/v1/runs/no-such-run"), 404, "no-such-run");
  }

  @Test
  void requests_without_a_valid_token_are_401() {
    long before = agentCount();
    String name = unique("unauthorized");
    Resp missing = send("POST", "/api/v1/agents", "application/json", heartbeatAgentJson(name, "#a", "hi"),
        "Authorization", null);
    assertProblem(missing, 401, "missing bearer token");
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    Resp wrong = send("POST", "/api/v1/agents", "application/json", heartbeatAgentJson(name, "#a", "hi"),
        "Authorization", "Bearer not-the-token");
    assertProblem(wrong, 401, "not valid");
    assertProblem(send("GET", "/api/v1/agents", null, null, "Authorization", "Basic YWRtaW46YWRtaW4="), 401, "bearer");
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void an_apply_with_one_invalid_agent_stores_none() {
    String good = unique("apply-good");
    String bad = unique("apply-bad");
    long before = agentCount();
    String yaml = """
        apiVersion: vigil.dev/v1
        agents:
          - name: %s
            tasks:
              - {name: t, kind: heartbeat, parameters: {channel: "#a"}}
          - name: %s
            tasks:
              - {name: t, kind: heartbeat, parameters: {channel: "#a"}, trigger: {schedule: {cron: "not a cron"}}}
        """.formatted(good, bad);
    assertProblem(send("POST", "/api/v1/apply", "application/yaml", yaml), 400, "agents[1]", "cron");
    assertProblem(get("/api/v1/agents/" + good), 404, good);
    assertProblem(get("/api/v1/agents/" + bad), 404, bad);
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void a_chunked_body_over_the_limit_is_refused_with_413_too() {
    String name = unique("chunked");
    long before = agentCount();
    byte[] big = ("{\"name\": \"" + name + "\", \"purpose\": \"" + "x".repeat(100 * 1024) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    for (String path : List.of("/api/v1/agents", "/hooks/github")) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(20))
          .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
          .header("X-GitHub-Event", "deployment_status")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
          .build();
      Resp r = exchange(request, path);
      assertProblem(r, 413, "VIGIL_MAX_BODY");
    }
    assertProblem(get("/api/v1/agents/" + name), 404, name);
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void a_webhook_over_the_limit_is_refused_before_authentication() {
    String big = "{\"text\": \"" + "x".repeat(100 * 1024) + "\"}";
    assertProblem(send("POST", "/hooks/github", "application/json", big, "X-GitHub-Event", "push"), 413, "VIGIL_MAX_BODY");
  }

  @Test
  void an_unsupported_content_type_is_415() {
    long before = agentCount();
    assertProblem(send("POST", "/api/v1/agents", "text/plain", heartbeatAgentJson(unique("ct"), "#a", "x")), 415,
        "text/plain");
    assertProblem(send("POST", "/api/v1/apply", "text/csv", "a,b"), 415, "text/csv");
    assertThat(agentCount()).isEqualTo(before);
  }

  @Test
  void spring_mvc_errors_say_what_to_fix() {
    assertProblem(send("POST", "/api/v1/agents", "text/plain", heartbeatAgentJson(unique("ct"), "#a", "x")), 415,
        "application/json");
    assertProblem(send("POST", "/api/v1/apply", "text/csv", "a,b"), 415, "application/yaml");
    assertProblem(send("POST", "/api/v1/events", "application/json", ""), 400, "empty");
    assertProblem(send("POST", "/api/v1/agents", "application/json", ""), 400, "empty");
  }

  @Test
  void bad_query_parameters_are_400() {
    assertProblem(get("/api/v1/agents?limit=0"), 400, "limit");
    assertProblem(get("/api/v1/runs?limit=abc"), 400, "limit");
    assertProblem(get("/api/v1/runs?status=bogus"), 400, "bogus", "succeeded");
    assertProblem(get("/api/v1/findings?severity=huge"), 400, "huge");
    assertProblem(get("/api/v1/findings?status=gone"), 400, "gone", "false-positive");
  }

  @Test
  void a_message_that_mentions_the_agent_in_its_channel_wakes_it_once_and_others_do_not() {
    String name = unique("resp");
    String channel = "#c-" + name;
    String agent = """
        {"name": "%s", "purpose": "first responder", "owner": "team-a", "channels": ["%s"],
         "grants": [{"integration": "chat", "permission": "chat:post", "scope": ["%s"]}],
         "tasks": [{"name": "answer", "kind": "heartbeat",
                    "parameters": {"channel": "%s", "message": "{agent} heard {reason}"},
                    "trigger": {"message": {"mentionOnly": true}}}]}
        """.formatted(name, channel, channel, channel);
    assertThat(send("POST", "/api/v1/agents", "application/json", agent).status()).isEqualTo(201);

    String notAddressed = """
        {"channel": "%s", "author": "alice", "text": "is checkout slow for anyone?"}""".formatted(channel);
    Resp ignored = send("POST", "/api/v1/messages", "application/json", notAddressed);
    assertThat(ignored.status()).as(ignored.body()).isEqualTo(202);
    assertThat(ignored.json().get("runs")).isEmpty();
    String otherChannel = """
        {"channel": "#elsewhere-%s", "author": "alice", "text": "@%s status"}""".formatted(name, name);
    assertThat(send("POST", "/api/v1/messages", "application/json", otherChannel).json().get("runs")).isEmpty();

    String addressed = """
        {"channel": "%s", "author": "alice", "text": "@%s is checkout slow?", "id": "msg-%s"}""".formatted(channel, name, name);
    Resp woke = send("POST", "/api/v1/messages", "application/json", addressed);
    assertThat(woke.status()).as(woke.body()).isEqualTo(202);
    assertThat(woke.json().get("runs")).hasSize(1);
    JsonNode run = awaitRunFinished(woke.json().get("runs").get(0).asString());
    assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.at("/wake/type").asString()).isEqualTo("message");
    assertThat(run.at("/wake/author").asString()).isEqualTo("alice");
    await().atMost(RUN_WAIT).untilAsserted(() ->
        assertThat(get("/api/v1/chat/messages?channel=" + enc(channel)).json().get("messages")).hasSize(1));
    assertThat(get("/api/v1/chat/messages?channel=" + enc(channel)).json().at("/messages/0/text").asString())
        .isEqualTo(name + " heard message from alice in " + channel);

    Resp redelivered = send("POST", "/api/v1/messages", "application/json", addressed);
    assertThat(redelivered.json().get("duplicate").asBoolean()).isTrue();
    assertThat(redelivered.json().get("runs")).isEmpty();

    assertProblem(send("POST", "/api/v1/messages", "application/json", """
        {"channel": "%s", "author": "alice", "txt": "typo"}""".formatted(channel)), 400, "txt");
    assertProblem(send("POST", "/api/v1/messages", "application/json", """
        {"channel": "%s", "author": "alice", "text": "hi", "direct": true}""".formatted(channel)), 400, "exactly one agent");
  }

  @Test
  void an_event_without_source_or_with_bad_labels_is_refused_and_not_stored() {
    long before = get("/api/v1/events?limit=1000").json().get("count").asLong();
    assertProblem(send("POST", "/api/v1/events", "application/json", "{\"type\": \"deploy\"}"), 400, "source");
    assertProblem(send("POST", "/api/v1/events", "application/json",
        "{\"source\": \"ci\", \"type\": \"deploy\", \"labels\": {\"env\": 1}}"), 400, "labels.env");
    assertProblem(send("POST", "/api/v1/events", "application/json",
        "{\"source\": \"ci\", \"type\": \"deploy\", \"time\": \"yesterday\"}"), 400, "time", "yesterday");
    assertProblem(send("POST", "/api/v1/events", "application/json", "[1, 2]"), 400, "object");
    assertProblem(send("POST", "/api/v1/events", "application/cloudevents+json",
        "{\"specversion\": \"0.3\", \"id\": \"1\", \"source\": \"ci\", \"type\": \"t\"}"), 400, "specversion");
    assertProblem(send("POST", "/api/v1/events", "application/json", ""), 400);
    assertThat(get("/api/v1/events?limit=1000").json().get("count").asLong()).isEqualTo(before);
  }

  @Test
  void a_paused_agent_is_not_woken_by_events_until_resumed() {
    String name = unique("paused");
    String channel = "#p-" + name;
    String agent = """
        {"name": "%s", "grants": [{"integration": "chat", "permission": "chat:post", "scope": ["%s"]}],
         "tasks": [{"name": "on-ci", "kind": "heartbeat", "parameters": {"channel": "%s"},
                    "trigger": {"event": {"source": "ci", "type": "%s"}}}]}
        """.formatted(name, channel, channel, name);
    assertThat(send("POST", "/api/v1/agents", "application/json", agent).status()).isEqualTo(201);
    Resp paused = send("POST", "/api/v1/agents/" + name + "/pause", null, null);
    assertThat(paused.json().get("paused").asBoolean()).isTrue();
    String event = "{\"source\": \"ci\", \"type\": \"" + name + "\"}";
    assertThat(send("POST", "/api/v1/events", "application/json", event).json().get("runs")).isEmpty();
    assertThat(send("POST", "/api/v1/agents/" + name + "/resume", null, null).json().get("paused").asBoolean()).isFalse();
    Resp woke = send("POST", "/api/v1/events", "application/json", event);
    assertThat(woke.json().get("runs")).hasSize(1);
    assertThat(awaitRunFinished(woke.json().at("/runs/0").asString()).get("status").asString()).isEqualTo("succeeded");
  }

  @Test
  void a_post_outside_the_grant_scope_is_denied_and_audited() {
    String name = unique("denied");
    String agent = """
        {"name": "%s", "grants": [{"integration": "chat", "permission": "chat:post", "scope": ["#allowed"]}],
         "tasks": [{"name": "beat", "kind": "heartbeat", "parameters": {"channel": "#forbidden-%s"}}]}
        """.formatted(name, name);
    assertThat(send("POST", "/api/v1/agents", "application/json", agent).status()).isEqualTo(201);
    Resp started = send("POST", "/api/v1/agents/" + name + "/tasks/beat/runs", null, null);
    JsonNode run = awaitRunFinished(started.json().get("run").asString());
    assertThat(run.get("status").asString()).isEqualTo("failed");
    assertThat(get("/api/v1/chat/messages?channel=" + enc("#forbidden-" + name)).json().get("messages")).isEmpty();
    JsonNode audit = get("/api/v1/audit?actor=" + name).json().get("entries");
    assertThat(audit.valueStream().filter(e -> e.get("operation").asString().equals("chat:post"))
        .map(e -> e.get("result").asString()).toList()).anySatisfy(r -> assertThat(r).startsWith("denied"));
  }

  @Test
  void an_export_applied_again_changes_nothing() {
    String name = unique("roundtrip");
    assertThat(send("POST", "/api/v1/agents", "application/json", scheduledAgentJson(name, "*/5 * * * *", "Asia/Tokyo"))
        .status()).isEqualTo(201);
    String first = get("/api/v1/export").body();
    Resp reapplied = send("POST", "/api/v1/apply", "application/yaml", first);
    assertThat(reapplied.status()).as(reapplied.body()).isEqualTo(200);
    assertThat(YAML.readTree(get("/api/v1/export").body())).isEqualTo(YAML.readTree(first));
  }

  // ---------------------------------------------------------------- helpers

  record Resp(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  @Override
  public Resp get(String path) {
    return send("GET", path, null, null);
  }

  /**
   * Sends a request with the admin token. {@code headers} are name/value pairs; a null value
   * for Authorization leaves the token out.
   */
  @Override
  public Resp send(String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    boolean token = true;
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equals("Authorization")) {
        token = false;
        if (headers[i + 1] != null) b.header("Authorization", headers[i + 1]);
      } else {
        b.header(headers[i], headers[i + 1]);
      }
    }
    if (token) b.header("Authorization", "Bearer " + TOKEN);
    if (contentType != null) b.header("Content-Type", contentType);
    return exchange(b.build(), method + " " + path);
  }

  Resp exchange(HttpRequest request, String what) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(what + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void assertProblem(Resp r, int status, String... detailMentions) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).as(r.body()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asString()).isNotBlank();
    for (String m : detailMentions) {
      assertThat(p.get("detail").asString()).as(r.body()).containsIgnoringCase(m);
    }
  }

  @Override
  public JsonNode awaitRunFinished(String runId) {
    List<JsonNode> last = new ArrayList<>(1);
    await().atMost(RUN_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode run = get("/api/v1/runs/" + runId).json();
      last.clear();
      last.add(run);
      return List.of("succeeded", "failed", "cancelled").contains(run.get("status").asString());
    });
    return last.get(0);
  }

  long agentCount() {
    return get("/api/v1/agents?limit=1").json().get("total").asLong();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String heartbeatAgentJson(String name, String channel, String message) {
    return """
        {"name": "%s", "grants": [{"integration": "chat", "permission": "chat:post", "scope": ["%s"]}],
         "tasks": [{"name": "beat", "kind": "heartbeat", "parameters": {"channel": "%s", "message": "%s"}}]}
        """.formatted(name, channel, channel, message);
  }

  static String scheduledAgentJson(String name, String cron, String zone) {
    return """
        {"name": "%s", "tasks": [{"name": "beat", "kind": "heartbeat", "parameters": {"channel": "#a"},
          "trigger": {"schedule": {"cron": "%s", "timeZone": "%s"}}}]}
        """.formatted(name, cron, zone);
  }

  /** The shared bench data, read in place: VIGIL_BENCH_DATA, else ../shared/bench from the repo root. */
  static Path benchData() {
    String env = System.getenv("VIGIL_BENCH_DATA");
    if (env != null && !env.isBlank()) return Path.of(env);
    for (String candidate : List.of("../shared/bench", "../../shared/bench")) {
      Path p = Path.of(candidate).toAbsolutePath().normalize();
      if (Files.isDirectory(p)) return p;
    }
    throw new IllegalStateException("bench data not found: set VIGIL_BENCH_DATA (looked for ../shared/bench and "
        + "../../shared/bench from " + Path.of("").toAbsolutePath() + ")");
  }
}
