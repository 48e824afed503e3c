package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.demo.repository.ShopRepository;
import dev.vigil.demo.shop.Effect;
import dev.vigil.demo.shop.Scenario;
import dev.vigil.demo.shop.Shop;
import dev.vigil.demo.shop.TimedEffect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the shop sends when a deploy takes hold, received by a local HTTP server standing in for Vigil's
 * hooks (Vigil's own handling of these bodies is tested in vigil-server with the real payload shapes).
 */
class DeployNotifierTest {
  private static final Instant NOW = Instant.parse("2026-11-25T16:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Received(String path, Map<String, String> headers, String body) {
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @TempDir
  Path tmp;

  @BeforeEach
  void listen() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
      received.add(new Received(exchange.getRequestURI().getPath(), headers,
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void each_deploy_goes_out_as_a_signed_github_webhook_and_a_signed_cloud_event_with_the_real_commit()
      throws Exception {
    List<TimedEffect> effects = Scenario.badDeploy().at(NOW.minusSeconds(60), 1);
    ShopRepository repo = ShopRepository.write(tmp.resolve("shop"), Shop.standard(), 42,
        NOW.minus(Duration.ofDays(1)), effects, ShopMain.FLAGS);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try (DeployNotifier notifier = new DeployNotifier(new DeployNotifier.Target(URI.create(base + "/hooks/github"),
        "gh-secret"), Optional.of(new DeployNotifier.Target(URI.create(base + "/hooks/deploys"), "ce-secret")),
        repo, 42, Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(new ByteArrayOutputStream()))) {
      notifier.schedule(effects);
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
    }
    String sha = repo.releases().getFirst().sha();
    Received github = received.stream().filter(r -> r.path().equals("/hooks/github")).findFirst().orElseThrow();
    Received event = received.stream().filter(r -> r.path().equals("/hooks/deploys")).findFirst().orElseThrow();

    assertThat(github.headers().get("X-Hub-Signature-256")).isEqualTo(signature("gh-secret", github.body()));
    assertThat(github.headers().get("X-GitHub-Event")).isEqualTo("deployment_status");
    JsonNode deployment = JSON.readTree(github.body()).get("deployment");
    assertThat(deployment.get("sha").asString()).isEqualTo(sha);
    assertThat(deployment.get("ref").asString()).isEqualTo("checkout-v2.4.0");
    assertThat(deployment.get("created_at").asString()).isEqualTo(effects.getFirst().at().toString());

    assertThat(event.headers().get("X-Vigil-Signature-256")).isEqualTo(signature("ce-secret", event.body()));
    JsonNode ce = JSON.readTree(event.body());
    assertThat(ce.get("specversion").asString()).isEqualTo("1.0");
    assertThat(ce.get("id").asString()).isEqualTo(github.headers().get("X-GitHub-Delivery"));
    assertThat(ce.get("subject").asString()).isEqualTo("checkout");
    assertThat(Instant.parse(ce.get("time").asString())).isEqualTo(effects.getFirst().at());
    assertThat(ce.get("data").get("sha").asString()).isEqualTo(sha);
    assertThat(ce.get("data").get("ref").asString()).isEqualTo("checkout-v2.4.0");
    assertThat(ce.get("data").get("version").asString())
        .isEqualTo(((Effect.Deploy) effects.getFirst().effect()).version());
    assertThat(github.body() + event.body()).doesNotContain("gh-secret", "ce-secret");
  }

  private static String signature(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
