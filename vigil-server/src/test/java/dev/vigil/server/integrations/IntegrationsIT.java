package dev.vigil.server.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Integrations through the server: configuration with credential references, and the webhook
 * receivers that verify with those credentials. One server on the embedded database for the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class IntegrationsIT {
  static final String TOKEN = "test-admin-token-" + UUID.randomUUID();
  /** A credential planted in a secret file; it must never come back out of the server. */
  static final String PLANTED = "planted-" + UUID.randomUUID();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static Path secrets;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    try {
      Path dataDir = Files.createTempDirectory("vigil-integrations-it-");
      secrets = Files.createTempDirectory("vigil-secrets-");
      Files.writeString(secrets.resolve("planted"), PLANTED + "\n");
      registry.add("VIGIL_DATA_DIR", dataDir::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("VIGIL_ADMIN_TOKEN", () -> TOKEN);
    registry.add("VIGIL_ENGINE_THREADS", () -> "2");
    registry.add("VIGIL_BIND_ADDRESS", () -> "127.0.0.1");
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
