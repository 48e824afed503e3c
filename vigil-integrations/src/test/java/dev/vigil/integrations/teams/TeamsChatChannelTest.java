package dev.vigil.integrations.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.ChatChannel.DeliveryException;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.testing.BenchPayloads;
import java.io.IOException;
import java.net.URI;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posting to a local endpoint that accepts what a Teams webhook accepts (a JSON message with one
 * Adaptive Card attachment of a version Teams renders) and answers as Workflows does (202).
 */
class TeamsChatChannelTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private volatile int forcedStatus;
  private String url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // The path stands for the signed part of a real webhook URL.
    server.createContext("/workflows/triggers/manual/paths/invoke", exchange -> {
      String problem = null;
      JsonNode body = null;
      if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        problem = "unsupported content type";
      } else {
        body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        JsonNode attachment = body.path("attachments").path(0);
        JsonNode card = attachment.path("content");
        if (!"message".equals(body.path("type").asString()) || body.path("attachments").size() != 1) {
          problem = "expected a message with one attachment";
        } else if (!TeamsChatChannel.CARD_CONTENT_TYPE.equals(attachment.path("contentType").asString())) {
          problem = "attachment is not an adaptive card";
        } else if (!"AdaptiveCard".equals(card.path("type").asString())
            || Double.parseDouble(card.path("version").asString("9")) > 1.5 || !card.path("body").isArray()) {
          problem = "card type, version (<= 1.5) or body is wrong";
        }
      }
      int status = forcedStatus != 0 ? forcedStatus : problem == null ? 202 : 400;
      byte[] answer = (problem == null ? "" : problem).getBytes(StandardCharsets.UTF_8);
      if (problem == null && forcedStatus == 0) received.add(body);
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort()
        + "/workflows/triggers/manual/paths/invoke?sig=s3cr3t-signature";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private TeamsChatChannel channel() {
    return new TeamsChatChannel("teams-main", new Secret(url), Duration.ofSeconds(5));
  }

  @Test
  void a_chat_message_arrives_as_an_adaptive_card_with_the_text() throws DeliveryException {
    channel().deliver(new ChatMessage(new AgentId("payments-watch"), "#ignored", "p99 is back to normal", "k-1"));

    assertThat(received).singleElement().satisfies(body ->
        assertThat(body.at("/attachments/0/content/body/0/text").asString()).isEqualTo("p99 is back to normal"));
  }

  @Test
  void a_finding_card_arrives_with_severity_colour_evidence_facts_next_step_and_a_link() throws DeliveryException {
    FindingCard finding = FindingCard.of("checkout p99 up 2.3x after deploy 4f2a", Severity.CRITICAL,
            "p99 rose from 180 ms to 412 ms.")
        .withEvidence("p99 latency", "412 ms", "180 ms").withEvidence("restarts", "3", "")
        .withLink(URI.create("https://vigil.example/findings/42")).withNextStep("roll back").withOwner("@payments");

    channel().deliver(new ChatMessage(new AgentId("payments-watch"), "#ignored", "checkout p99 up", "k-2",
        Optional.of(finding), Optional.empty(), Optional.of("earlier-key")));

    assertThat(received).singleElement().satisfies(body -> {
      JsonNode card = body.at("/attachments/0/content");
      assertThat(card.at("/body/0/text").asString()).isEqualTo("checkout p99 up 2.3x after deploy 4f2a");
      assertThat(card.at("/body/0/color").asString()).isEqualTo("Attention");
      assertThat(card.at("/body/1/text").asString()).isEqualTo("Severity: critical · Owner: @payments");
      assertThat(card.at("/body/3/type").asString()).isEqualTo("FactSet");
      assertThat(card.at("/body/3/facts/0/value").asString()).isEqualTo("412 ms (baseline 180 ms)");
      assertThat(card.at("/body/3/facts/1/value").asString()).isEqualTo("3");
      assertThat(card.at("/body/4/text").asString()).isEqualTo("**Next step:** roll back");
      assertThat(card.at("/actions/0/type").asString()).isEqualTo("Action.OpenUrl");
      assertThat(card.at("/actions/0/url").asString()).isEqualTo("https://vigil.example/findings/42");
    });
  }

  @Test
  void a_chart_is_not_sent_because_teams_webhooks_take_no_files() throws DeliveryException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1};
    Optional<String> id = channel().deliver(new ChatMessage(new AgentId("payments-watch"), "#ignored", "p99 chart",
        "k-3", Optional.empty(), Optional.of(new ChatAttachment("p99.png", "p99 chart", png)), Optional.empty()));

    assertThat(id).isEmpty();
    assertThat(received).isEmpty();
  }

  @Test
  void every_official_scenario_card_is_posted_as_teams_takes_it() throws Exception {
    List<Path> cards;
    try (Stream<Path> files = Files.list(BenchPayloads.teamsCards())) {
      cards = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(cards).hasSizeGreaterThan(20);
    TeamsChatChannel teams = channel();
    for (Path card : cards) {
      teams.post(JSON.readValue(BenchPayloads.read(card), new TypeReference<Map<String, Object>>() {}));
    }
    assertThat(received).hasSize(cards.size());
  }

  @Test
  void a_card_teams_cannot_render_is_a_permanent_failure_and_throttling_is_retryable() {
    TeamsChatChannel teams = channel();
    Map<String, Object> tooNew = Map.of("type", "AdaptiveCard", "version", "1.6", "body", List.of());
    assertThatThrownBy(() -> teams.post(tooNew))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("HTTP 400").hasMessageNotContaining("s3cr3t");

    forcedStatus = 429;
    assertThatThrownBy(() -> teams.post(TeamsChatChannel.textCard("x")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void an_unreachable_webhook_is_retryable_and_its_url_is_never_in_the_message() throws IOException {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    TeamsChatChannel down = new TeamsChatChannel("teams-main",
        new Secret("http://127.0.0.1:" + port + "/hook?sig=s3cr3t-signature"), Duration.ofSeconds(2));

    assertThatThrownBy(() -> down.deliver(new ChatMessage(new AgentId("a"), "#c", "x", "k")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("unreachable").hasMessageNotContaining("s3cr3t").hasMessageNotContaining("127.0.0.1");
  }
}
