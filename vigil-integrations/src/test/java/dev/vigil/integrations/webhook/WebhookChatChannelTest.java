package dev.vigil.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.ChatChannel.DeliveryException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook chat's JSON as a receiver sees it: card, chart and thread included. */
class WebhookChatChannelTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private volatile int status = 202;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/chat", exchange -> {
      received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
      keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private WebhookChatChannel channel() {
    return new WebhookChatChannel("chat", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/chat"),
        Optional.empty(), Duration.ofSeconds(5));
  }

  @Test
  void a_card_reply_and_a_chart_arrive_as_json_and_the_key_is_the_messages_id() throws DeliveryException {
    FindingCard card = FindingCard.of("checkout p99 up", Severity.WARNING, "after deploy 4f2a")
        .withEvidence("p99", "412 ms", "180 ms").withLink(URI.create("https://vigil.example/findings/42"));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7, 7};

    Optional<String> root = channel().deliver(new ChatMessage(new AgentId("payments-watch"), "#payments", "p99 up",
        "run-1:0:0", Optional.of(card), Optional.empty(), Optional.empty()));
    channel().deliver(new ChatMessage(new AgentId("payments-watch"), "#payments", "p99 chart", "run-1:0:1",
        Optional.empty(), Optional.of(new ChatAttachment("p99.png", "p99 chart", png)), root));

    assertThat(root).contains("run-1:0:0");
    assertThat(keys).containsExactly("run-1:0:0", "run-1:0:1");
    JsonNode first = received.get(0);
    assertThat(first.at("/card/severity").asString()).isEqualTo("warning");
    assertThat(first.at("/card/evidence/0/baseline").asString()).isEqualTo("180 ms");
    assertThat(first.at("/card/link").asString()).isEqualTo("https://vigil.example/findings/42");
    assertThat(first.has("replyTo")).isFalse();
    JsonNode second = received.get(1);
    assertThat(second.at("/replyTo").asString()).isEqualTo("run-1:0:0");
    assertThat(second.at("/attachment/mediaType").asString()).isEqualTo("image/png");
    assertThat(Base64.getDecoder().decode(second.at("/attachment/contentBase64").asString())).isEqualTo(png);
  }

  @Test
  void throttling_is_retryable_and_a_refusal_is_not() {
    status = 429;
    assertThatThrownBy(() -> channel().deliver(new ChatMessage(new AgentId("a"), "#c", "x", "k")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
    status = 400;
    assertThatThrownBy(() -> channel().deliver(new ChatMessage(new AgentId("a"), "#c", "x", "k")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
  }
}
