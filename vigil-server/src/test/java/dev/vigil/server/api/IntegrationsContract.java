package dev.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.github.GitHubWebhook;
import dev.vigil.integrations.pagerduty.PagerDutyWebhook;
import dev.vigil.integrations.slack.SlackRequestVerifier;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Integrations through the server: configuration with credential references, and the webhook
 * receivers that verify with those credentials. Subclasses choose the database; tests share one
 * server per class and work on names of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class IntegrationsContract {
  static final String TOKEN = ApiContract.TOKEN;

  /** A credential planted in a secret file; it must never come back out of the server. */
  static final String PLANTED = "planted-" + UUID.randomUUID();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final Path secrets = plantSecrets();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort
  int port;

  private static Path plantSecrets() {
    try {
      Path dir = Files.createTempDirectory("vigil-secrets-");
      Files.writeString(dir.resolve("planted"), PLANTED + "\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  // ---------------------------------------------------------------- configuration

  @Test
  void a_planted_credential_never_appears_in_logs_api_answers_or_the_export(CapturedOutput output) {
    String prom = unique("prom");
    String gh = unique("gh");
    String agent = unique("reader");
    String planted = secrets.resolve("planted").toString();
    String yaml = """
        apiVersion: vigil.dev/v1
        integrations:
          - name: %1$s
            type: prometheus
            url: http://127.0.0.1:1
            tenant: team-a
            auth: {basic: {username: vigil, password: "${file:%3$s}"}}
          - name: %2$s
            type: github
            webhookSecret: "${file:%3$s}"
            token: "${env:VIGIL_TEST_UNSET_TOKEN}"
        agents:
          - name: %4$s
            grants:
              - {integration: %1$s, permission: "metrics:read", scope: ['{namespace="payments"}']}
        """.formatted(prom, gh, planted, agent);

    Resp applied = send("POST", "/api/v1/apply", "application/yaml", yaml);
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    assertThat(applied.json().get("integrations").toString()).contains(prom, gh);

    Resp one = send("GET", "/api/v1/integrations/" + gh, null, null);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().at("/integration/webhookSecret").asString()).isEqualTo("${file:" + planted + "}");
    assertThat(one.json().at("/credentials/webhookSecret").asString()).isEqualTo("set");
    assertThat(one.json().at("/credentials/token").asString()).isEqualTo("unset");
    Resp all = send("GET", "/api/v1/integrations", null, null);
    Resp exported = send("GET", "/api/v1/export", null, null);
    Resp exportedJson = send("GET", "/api/v1/export", null, null, "Accept", "application/json");
    Resp audit = send("GET", "/api/v1/audit", null, null);

    JsonNode doc = YAML.readTree(exported.body());
    assertThat(doc.get("integrations").valueStream().filter(n -> n.get("name").asString().equals(prom)).findFirst()
        .orElseThrow().at("/auth/basic/password").asString()).isEqualTo("${file:" + planted + "}");
    for (Resp r : new Resp[] {applied, one, all, exported, exportedJson, audit}) {
      assertThat(r.body()).doesNotContain(PLANTED);
    }
    assertThat(output.getAll()).doesNotContain(PLANTED);
  }

  @Test
  void put_creates_then_replaces_an_integration_and_refuses_literal_credentials_naming_the_field() {
    String name = unique("hook");
    Resp created = send("PUT", "/api/v1/integrations/" + name, "application/json",
        "{\"type\": \"webhook\", \"url\": \"https://hooks.example.com/in\", \"auth\": {\"bearerToken\": \"${env:HOOK_TOKEN}\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/credentials/auth.bearerToken").asString()).isEqualTo("unset");

    Resp replaced = send("PUT", "/api/v1/integrations/" + name, "application/yaml",
        "type: webhook\nurl: https://hooks.example.com/other\n");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/integrations/" + name, null, null).json().at("/integration/url").asString())
        .isEqualTo("https://hooks.example.com/other");

    Resp literal = send("PUT", "/api/v1/integrations/" + name, "application/json",
        "{\"type\": \"webhook\", \"url\": \"https://x.example.com\", \"auth\": {\"bearerToken\": \"" + PLANTED + "\"}}");
    assertThat(literal.status()).isEqualTo(400);
    assertThat(literal.body()).contains("integration.auth.bearerToken: must be a reference").doesNotContain(PLANTED);

    Resp unknown = send("PUT", "/api/v1/integrations/" + name, "application/json",
        "{\"type\": \"webhook\", \"url\": \"https://x.example.com\", \"tenant\": \"a\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown field 'tenant'");

    assertThat(send("DELETE", "/api/v1/integrations/" + name, null, null).status()).isEqualTo(204);
    assertThat(send("GET", "/api/v1/integrations/" + name, null, null).status()).isEqualTo(404);
  }

  @Test
  void the_published_schema_describes_the_integrations_section() {
    Resp schema = send("GET", "/api/v1/schema/agents.json", null, null);
    assertThat(schema.status()).isEqualTo(200);
    JsonNode variants = schema.json().at("/properties/integrations/items/oneOf");
    assertThat(variants.valueStream().map(v -> v.at("/properties/type/const").asString()).toList())
        .containsExactly("prometheus", "alertmanager", "github", "slack", "teams", "pagerduty", "kubernetes", "git",
            "webhook");
    assertThat(variants.get(0).at("/properties/auth/properties/bearerToken/pattern").asString()).startsWith("^\\$\\{");
  }

  // ---------------------------------------------------------------- webhooks

  /** Applies a github integration whose webhook secret is the planted one, and an agent woken by deploys. */
  private String applyGitHubAndDeployAgent() {
    String agent = unique("deploy-watch");
    String yaml = """
        apiVersion: vigil.dev/v1
        integrations:
          - {name: github-main, type: github, webhookSecret: "${file:%s}"}
          - {name: github-unset, type: github, webhookSecret: "${env:VIGIL_TEST_UNSET_GITHUB_SECRET}"}
        agents:
          - name: %s
            grants: [{integration: chat, permission: "chat:post", scope: ["#deploys"]}]
            tasks:
              - name: on-deploy
                kind: heartbeat
                parameters: {channel: "#deploys", message: "deploy seen", delay: 0s}
                trigger: {event: {source: github, type: deployment_status, labels: {environment: production}}}
        """.formatted(secrets.resolve("planted"), agent);
    Resp applied = send("POST", "/api/v1/apply", "application/yaml", yaml);
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    return agent;
  }

  private Resp github(String event, byte[] body, String signature, String delivery) {
    List<String> headers = new ArrayList<>(List.of("X-GitHub-Event", event, "X-GitHub-Delivery", delivery,
        "User-Agent", "GitHub-Hookshot/test"));
    if (signature != null) {
      headers.addAll(List.of("X-Hub-Signature-256", signature));
    }
    return send("POST", "/hooks/github", "application/json", new String(body, StandardCharsets.UTF_8),
        headers.toArray(String[]::new));
  }

  /** The agents of the runs a hook answer says it started (other tests' agents may match too). */
  private List<String> agentsOf(Resp answer) {
    return answer.json().get("runs").valueStream()
        .map(id -> send("GET", "/api/v1/runs/" + id.asString(), null, null).json().get("agent").asString()).toList();
  }

  private boolean stored(String deliveryId) {
    return send("GET", "/api/v1/events?limit=1000", null, null).json().get("events").valueStream()
        .anyMatch(e -> e.has("deliveryId") && e.get("deliveryId").asString().equals(deliveryId));
  }

  @Test
  void a_signed_github_deployment_status_wakes_the_agent_once_and_its_redelivery_is_not_stored_again(
      CapturedOutput output) {
    String agent = applyGitHubAndDeployAgent();
    byte[] body = Payloads.github("deployment_status", "payload.json");
    String delivery = UUID.randomUUID().toString();
    String signature = GitHubWebhook.sign(body, new Secret(PLANTED));

    Resp first = github("deployment_status", body, signature, delivery);
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(first.json().get("duplicate").asBoolean()).isFalse();
    assertThat(agentsOf(first)).containsOnlyOnce(agent);
    JsonNode event = send("GET", "/api/v1/events/" + first.json().get("event").asString(), null, null).json();
    assertThat(event.get("type").asString()).isEqualTo("deployment_status");
    assertThat(event.at("/labels/environment").asString()).isEqualTo("production");
    // Both github integrations applied in this class verify with the planted secret; either may be first.
    assertThat(event.at("/labels/integration").asString()).matches("github-main|gh-.*");

    Resp again = github("deployment_status", body, signature, delivery);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    assertThat(again.json().get("event").asString()).isEqualTo(first.json().get("event").asString());
    assertThat(again.json().get("runs").size()).isZero();
    assertThat(output.getAll()).doesNotContain(PLANTED).doesNotContain(signature.substring(7));
  }

  @Test
  void a_missing_or_wrong_github_signature_is_refused_with_401_and_nothing_is_stored() {
    applyGitHubAndDeployAgent();
    byte[] body = Payloads.github("push", "payload.json");
    String missing = UUID.randomUUID().toString();
    String wrong = UUID.randomUUID().toString();
    String tampered = UUID.randomUUID().toString();

    Resp none = github("push", body, null, missing);
    Resp otherSecret = github("push", body, GitHubWebhook.sign(body, new Secret("not-the-secret")), wrong);
    byte[] changed = new String(body, StandardCharsets.UTF_8).replace("simple-tag", "evil-tag")
        .getBytes(StandardCharsets.UTF_8);
    Resp bodyChanged = github("push", changed, GitHubWebhook.sign(body, new Secret(PLANTED)), tampered);

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body()).contains("missing X-Hub-Signature-256");
    assertThat(otherSecret.status()).isEqualTo(401);
    assertThat(bodyChanged.status()).isEqualTo(401);
    assertThat(List.of(missing, wrong, tampered)).noneMatch(this::stored);
  }

  @Test
  void github_event_types_not_acted_on_are_stored_with_the_reason_and_wake_nothing() {
    applyGitHubAndDeployAgent();
    byte[] body = Payloads.github("check_run", "completed.payload.json");
    String delivery = UUID.randomUUID().toString();

    Resp answer = github("check_run", body, GitHubWebhook.sign(body, new Secret(PLANTED)), delivery);

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.json().get("ignored").asString()).startsWith("event type 'check_run' is not acted on");
    assertThat(stored(delivery)).isTrue();
    JsonNode event = send("GET", "/api/v1/events/" + answer.json().get("event").asString(), null, null).json();
    assertThat(event.at("/labels/ignored").asString()).startsWith("event type 'check_run'");
  }

  @Test
  void github_ping_and_every_handled_type_are_accepted_and_a_malformed_body_is_a_400() {
    applyGitHubAndDeployAgent();
    for (String[] example : new String[][] {{"ping", "payload.json"}, {"push", "with-new-branch.payload.json"},
        {"pull_request", "opened.payload.json"}, {"workflow_run", "completed.payload.json"},
        {"release", "published.payload.json"}, {"deployment", "payload.json"}}) {
      byte[] body = Payloads.github(example[0], example[1]);
      Resp answer = github(example[0], body, GitHubWebhook.sign(body, new Secret(PLANTED)), UUID.randomUUID().toString());
      assertThat(answer.status()).as(example[0] + ": " + answer.body()).isEqualTo(202);
      assertThat(answer.json().has("ignored")).isFalse();
    }
    byte[] broken = "{\"zen\": ".getBytes(StandardCharsets.UTF_8);
    Resp malformed = github("ping", broken, GitHubWebhook.sign(broken, new Secret(PLANTED)), UUID.randomUUID().toString());
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).contains("body is not JSON");
  }

  /** Applies a pagerduty integration whose webhook secret is the planted one, and an agent woken by new incidents. */
  private String applyPagerDutyAndResponder() {
    String agent = unique("responder");
    String yaml = """
        apiVersion: vigil.dev/v1
        integrations:
          - {name: pagerduty-main, type: pagerduty, webhookSecret: "${file:%s}"}
        agents:
          - name: %s
            grants: [{integration: chat, permission: "chat:post", scope: ["#incidents"]}]
            tasks:
              - name: on-incident
                kind: heartbeat
                parameters: {channel: "#incidents", message: "incident seen", delay: 0s}
                trigger: {event: {source: pagerduty, type: incident.triggered, labels: {service: checkout}}}
        """.formatted(secrets.resolve("planted"), agent);
    Resp applied = send("POST", "/api/v1/apply", "application/yaml", yaml);
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    return agent;
  }

  private Resp pagerDuty(byte[] body, String signature) {
    List<String> headers = new ArrayList<>(List.of("User-Agent", "PagerDuty-Webhook/V3.0"));
    if (signature != null) {
      headers.addAll(List.of("X-PagerDuty-Signature", signature));
    }
    return send("POST", "/hooks/pagerduty", "application/json", new String(body, StandardCharsets.UTF_8),
        headers.toArray(String[]::new));
  }

  /** A delivery with a fresh event id, so that tests sharing the server do not see each other's events. */
  private static byte[] pagerDutyPayload(String file, String eventId) {
    String text = new String(Payloads.pagerDuty(file), StandardCharsets.UTF_8);
    return text.replaceFirst("\"id\": \"01[0-9A-Z]{24}\"", "\"id\": \"" + eventId + "\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String signedByPagerDuty(byte[] body) {
    // PagerDuty sends one v1 signature per active secret while one is being rotated.
    return PagerDutyWebhook.sign(body, new Secret("the-old-secret")) + ", "
        + PagerDutyWebhook.sign(body, new Secret(PLANTED));
  }

  @Test
  void a_signed_pagerduty_incident_wakes_the_agent_once_and_its_redelivery_is_not_stored_again(
      CapturedOutput output) {
    String agent = applyPagerDutyAndResponder();
    String eventId = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
    byte[] body = pagerDutyPayload("incident_triggered.json", eventId);

    Resp first = pagerDuty(body, signedByPagerDuty(body));
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(agentsOf(first)).containsOnlyOnce(agent);
    JsonNode event = send("GET", "/api/v1/events/" + first.json().get("event").asString(), null, null).json();
    assertThat(event.get("source").asString()).isEqualTo("pagerduty");
    assertThat(event.get("type").asString()).isEqualTo("incident.triggered");
    assertThat(event.at("/labels/service").asString()).isEqualTo("checkout");
    assertThat(event.at("/labels/number").asString()).isEqualTo("4711");
    assertThat(event.at("/labels/integration").asString()).isEqualTo("pagerduty-main");

    Resp again = pagerDuty(body, signedByPagerDuty(body));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("duplicate").asBoolean()).isTrue();
    assertThat(again.json().get("runs")).isEmpty();
    assertThat(send("GET", "/api/v1/events?limit=1000", null, null).json().get("events").valueStream()
        .filter(e -> e.has("deliveryId") && e.get("deliveryId").asString().equals(eventId)).count()).isEqualTo(1);
    assertThat(output.getAll()).doesNotContain(PLANTED);
  }

  @Test
  void a_missing_or_wrong_pagerduty_signature_is_refused_with_401_and_nothing_is_stored() {
    applyPagerDutyAndResponder();
    String missing = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
    String wrong = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
    byte[] unsigned = pagerDutyPayload("incident_triggered.json", missing);
    byte[] forged = pagerDutyPayload("incident_triggered.json", wrong);

    Resp none = pagerDuty(unsigned, null);
    Resp otherSecret = pagerDuty(forged, PagerDutyWebhook.sign(forged, new Secret("not-the-secret")));
    Resp otherBody = pagerDuty(forged, PagerDutyWebhook.sign(unsigned, new Secret(PLANTED)));

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body()).contains("missing X-PagerDuty-Signature");
    assertThat(otherSecret.status()).isEqualTo(401);
    assertThat(otherBody.status()).isEqualTo(401);
    assertThat(List.of(missing, wrong)).noneMatch(this::stored);
  }

  @Test
  void pagerduty_ping_is_answered_unstored_other_types_are_kept_ignored_and_bad_bodies_are_refused() {
    applyPagerDutyAndResponder();
    String pingId = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
    byte[] ping = pagerDutyPayload("pagey_ping.json", pingId);
    Resp pong = pagerDuty(ping, signedByPagerDuty(ping));
    assertThat(pong.status()).isEqualTo(200);
    assertThat(pong.json().get("ping").asBoolean()).isTrue();
    assertThat(stored(pingId)).isFalse();

    String serviceId = "01" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase();
    byte[] service = pagerDutyPayload("service_updated.json", serviceId);
    Resp ignored = pagerDuty(service, signedByPagerDuty(service));
    assertThat(ignored.status()).isEqualTo(202);
    assertThat(ignored.json().get("ignored").asString()).startsWith("event type 'service.updated' is not acted on");
    assertThat(stored(serviceId)).isTrue();

    byte[] broken = "{\"event\": ".getBytes(StandardCharsets.UTF_8);
    Resp malformed = pagerDuty(broken, signedByPagerDuty(broken));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).contains("body is not JSON");
    byte[] noEvent = "{\"messages\": []}".getBytes(StandardCharsets.UTF_8);
    assertThat(pagerDuty(noEvent, signedByPagerDuty(noEvent)).body()).contains("no 'event' object");

    String big = "{\"text\": \"" + "x".repeat(100 * 1024) + "\"}";
    assertThat(send("POST", "/hooks/pagerduty", "application/json", big).status()).isEqualTo(413);
  }

  @Test
  void an_alertmanager_group_becomes_one_event_authenticated_by_the_integrations_webhook_token() throws IOException {
    Path token = Files.writeString(secrets.resolve("am-token"), "am-" + UUID.randomUUID());
    String agent = unique("pager");
    Resp applied = send("POST", "/api/v1/apply", "application/yaml", """
        apiVersion: vigil.dev/v1
        integrations:
          - {name: am-main, type: alertmanager, url: "http://127.0.0.1:9093", webhookToken: "${file:%s}"}
        agents:
          - name: %s
            grants: [{integration: chat, permission: "chat:post", scope: ["#pages"]}]
            tasks:
              - name: on-page
                kind: heartbeat
                parameters: {channel: "#pages", message: "page seen", delay: 0s}
                trigger: {event: {source: alertmanager, type: firing, labels: {service: checkout}}}
        """.formatted(token, agent));
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    String body = new String(Payloads.alertmanager("firing_HighErrorRate_2alerts.json"), StandardCharsets.UTF_8);
    String bearer = "Bearer " + Files.readString(token);

    Resp unauthenticated = send("POST", "/hooks/alertmanager", "application/json", body);
    Resp wrongToken = send("POST", "/hooks/alertmanager", "application/json", body, "Authorization", "Bearer nope");
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertThat(wrongToken.status()).isEqualTo(401);

    Resp first = send("POST", "/hooks/alertmanager", "application/json", body, "Authorization", bearer);
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(agentsOf(first)).containsExactly(agent);
    JsonNode event = send("GET", "/api/v1/events/" + first.json().get("event").asString(), null, null).json();
    assertThat(event.get("source").asString()).isEqualTo("alertmanager");
    assertThat(event.get("type").asString()).isEqualTo("firing");
    assertThat(event.at("/labels/alerts").asString()).isEqualTo("2");
    assertThat(event.at("/labels/integration").asString()).isEqualTo("am-main");

    Resp retry = send("POST", "/hooks/alertmanager", "application/json", body, "Authorization", "Bearer " + TOKEN);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().get("duplicate").asBoolean()).isTrue();

    Resp malformed = send("POST", "/hooks/alertmanager", "application/json", body.replace("\"version\":\"4\"",
        "\"version\":\"3\""), "Authorization", bearer);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).contains("version");
  }

  // ---------------------------------------------------------------- chat

  @Test
  void a_teams_integration_named_chat_receives_the_agents_posts_as_adaptive_cards() throws IOException {
    List<String> cards = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer teams = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    teams.createContext("/hook", exchange -> {
      cards.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    teams.start();
    try {
      Path url = Files.writeString(secrets.resolve("teams-url"),
          "http://127.0.0.1:" + teams.getAddress().getPort() + "/hook?sig=" + PLANTED);
      assertThat(send("PUT", "/api/v1/integrations/chat", "application/json",
          "{\"type\": \"teams\", \"webhookUrl\": \"${file:" + url + "}\"}").status()).isEqualTo(201);
      String agent = unique("teams-poster");
      String type = unique("ping");
      Resp applied = send("POST", "/api/v1/apply", "application/yaml", """
          apiVersion: vigil.dev/v1
          agents:
            - name: %s
              grants: [{integration: chat, permission: "chat:post", scope: ["#ops"]}]
              tasks:
                - name: on-ping
                  kind: heartbeat
                  parameters: {channel: "#ops", message: "%s was pinged", delay: 0s}
                  trigger: {event: {source: test, type: %s}}
          """.formatted(agent, agent, type));
      assertThat(applied.status()).as(applied.body()).isEqualTo(200);

      Resp accepted = send("POST", "/api/v1/events", "application/json",
          "{\"source\": \"test\", \"type\": \"" + type + "\"}");
      assertThat(accepted.status()).isEqualTo(202);

      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cards.stream()
          .anyMatch(c -> c.contains(agent + " was pinged") && c.contains("AdaptiveCard")));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
          send("GET", "/api/v1/audit?actor=" + agent, null, null).body().contains("ok: delivered"));
    } finally {
      send("DELETE", "/api/v1/integrations/chat", null, null);
      teams.stop(0);
    }
  }

  // ---------------------------------------------------------------- slack

  /** An Events API body from Slack's SDK sample, with the values a real delivery carries. */
  private static String slackEvent(String eventType, String channelType, String channel, String text, String eventId) {
    ObjectNode root = (ObjectNode) JSON.readTree(Payloads.slack("java-slack-sdk-json-logs/events/"
        + (eventType.equals("app_mention") ? "AppMentionPayload.json" : "MessagePayload.json")));
    root.put("type", "event_callback");
    root.put("token", "legacy-verification-" + eventId);
    root.put("event_id", eventId);
    root.put("event_time", java.time.Instant.now().getEpochSecond());
    ObjectNode event = (ObjectNode) root.get("event");
    event.put("type", eventType);
    event.put("channel", channel);
    event.put("channel_type", channelType);
    event.put("user", "U0PERSON");
    event.put("text", text);
    event.put("bot_id", "");
    event.put("subtype", "");
    return JSON.writeValueAsString(root);
  }

  private Resp slack(String body, long timestamp, String secret) {
    String ts = Long.toString(timestamp);
    return send("POST", "/hooks/slack", "application/json", body, "X-Slack-Request-Timestamp", ts,
        "X-Slack-Signature", SlackRequestVerifier.sign(ts, body.getBytes(StandardCharsets.UTF_8), new Secret(secret)));
  }

  @Test
  void slack_events_are_verified_and_an_app_mention_wakes_the_agent_once() throws IOException {
    String signing = "slack-signing-" + UUID.randomUUID();
    Path secretFile = Files.writeString(secrets.resolve("slack-signing"), signing);
    String agent = unique("responder");
    String channel = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    Resp applied = send("POST", "/api/v1/apply", "application/yaml", """
        apiVersion: vigil.dev/v1
        integrations:
          - {name: slack-main, type: slack, signingSecret: "${file:%s}", botToken: "${env:VIGIL_TEST_SLACK_TOKEN}", agents: [%s]}
        agents:
          - name: %s
            grants: [{integration: chat, permission: "chat:post", scope: ["#answers"]}]
            tasks:
              - name: on-mention
                kind: heartbeat
                parameters: {channel: "#answers", message: "asked", delay: 0s}
                trigger: {message: {channel: %s, mentionOnly: true}}
        """.formatted(secretFile, agent, agent, channel));
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    long now = java.time.Instant.now().getEpochSecond();

    Resp verification = slack("{\"token\":\"t\",\"challenge\":\"ch-123\",\"type\":\"url_verification\"}", now, signing);
    assertThat(verification.status()).as(verification.body()).isEqualTo(200);
    assertThat(verification.json().get("challenge").asString()).isEqualTo("ch-123");

    String eventId = "Ev" + UUID.randomUUID().toString().substring(0, 8);
    String mention = slackEvent("app_mention", "", channel, "<@U0VIGIL> is checkout healthy?", eventId);
    Resp first = slack(mention, now, signing);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(agentsOf(first)).containsExactly(agent);
    assertThat(send("GET", "/api/v1/events/" + first.json().get("event").asString(), null, null).body())
        .contains(eventId).doesNotContain("\"token\"");
    Resp retried = slack(mention, now, signing);
    assertThat(retried.json().get("duplicate").asBoolean()).isTrue();
    assertThat(retried.json().get("runs").size()).isZero();

    Resp inChannel = slack(slackEvent("message", "channel", channel, "lunch?", eventId + "x"), now, signing);
    assertThat(inChannel.status()).isEqualTo(200);
    assertThat(inChannel.json().get("ignored").asString()).contains("not handled");
  }

  @Test
  void a_replayed_or_wrongly_signed_slack_request_is_refused_with_401() throws IOException {
    String signing = "slack-signing-" + UUID.randomUUID();
    Path secretFile = Files.writeString(secrets.resolve("slack-signing-2"), signing);
    assertThat(send("PUT", "/api/v1/integrations/slack-two", "application/json",
        "{\"type\": \"slack\", \"signingSecret\": \"${file:" + secretFile + "}\"}").status()).isIn(200, 201);
    String body = slackEvent("app_mention", "", "C0REPLAY", "<@U0VIGIL> hello", "Ev-replay");
    long now = java.time.Instant.now().getEpochSecond();

    Resp replayed = slack(body, now - 6 * 60, signing);
    Resp wrong = slack(body, now, "not-the-signing-secret");
    Resp unsigned = send("POST", "/hooks/slack", "application/json", body);

    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.body()).contains("more than 5 minutes");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unsigned.status()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- helpers

  record Resp(int status, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Resp send(String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    boolean token = true;
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equals("Authorization")) {
        token = false;
        b.header("Authorization", headers[i + 1]);
      } else {
        b.header(headers[i], headers[i + 1]);
      }
    }
    if (token && path.startsWith("/api/")) b.header("Authorization", "Bearer " + TOKEN);
    if (contentType != null) b.header("Content-Type", contentType);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
