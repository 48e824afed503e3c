package dev.vigil.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.port.ChatChannel.DeliveryException;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.testing.BenchPayloads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's SDK posting to a local server that checks requests the way Slack's Web API does (bearer
 * token, form content type, required channel, text or blocks) and answers with the examples of
 * Slack's own OpenAPI description of chat.postMessage.
 */
class SlackChatChannelTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "xoxb-0000-test-token";
  private HttpServer server;
  private final List<Map<String, String>> posted = new CopyOnWriteArrayList<>();
  private volatile int forcedStatus;
  private volatile String forcedError;

  @BeforeEach
  void start() throws IOException {
    JsonNode spec = JSON.readTree(BenchPayloads.read(BenchPayloads.slack("slack-api-specs/web-api/slack_web_openapi_v2.json")));
    JsonNode responses = spec.path("paths").path("/chat.postMessage").path("post").path("responses");
    String ok = JSON.writeValueAsString(responses.path("200").path("examples").path("application/json"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // The SDK asks auth.test for the team id when Slack rate-limits it; answered with Slack's sample.
    String authTest = new String(BenchPayloads.read(BenchPayloads.slack("java-slack-sdk-json-logs/api/auth.test.json")),
        StandardCharsets.UTF_8).replace("\"ok\": false", "\"ok\": true");
    server.createContext("/api/auth.test", exchange -> answer(exchange, 200, authTest));
    server.createContext("/api/chat.postMessage", exchange -> {
      if (forcedStatus != 0) {
        answer(exchange, forcedStatus, "{}");
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String error = !("Bearer " + TOKEN).equals(auth) ? (auth == null ? "not_authed" : "invalid_auth")
          : type == null || !type.startsWith("application/x-www-form-urlencoded") ? "invalid_form_data"
          : !form.containsKey("channel") ? "channel_not_found"
          : !form.containsKey("text") && !form.containsKey("blocks") ? "no_text"
          : forcedError;
      if (error != null) {
        answer(exchange, 200, "{\"ok\": false, \"error\": \"" + error + "\"}");
        return;
      }
      posted.add(form);
      answer(exchange, 200, ok);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI api() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static ChatMessage message(String channel, String text) {
    return new ChatMessage(new AgentId("payments-watch"), channel, text, "run-1:0:0");
  }

  @Test
  void a_post_reaches_slack_with_the_bot_token_channel_and_text() throws DeliveryException {
    SlackChatChannel slack = new SlackChatChannel("slack-main", api(), new Secret(TOKEN), Duration.ofSeconds(5));

    slack.deliver(message("C0123PAY", "checkout p99 back to 180 ms after the deploy"));

    assertThat(posted).singleElement().satisfies(form -> {
      assertThat(form).containsEntry("channel", "C0123PAY");
      assertThat(form).containsEntry("text", "checkout p99 back to 180 ms after the deploy");
    });
  }

  @Test
  void a_wrong_token_or_slacks_own_refusal_is_a_permanent_failure_naming_slacks_error() {
    SlackChatChannel wrongToken = new SlackChatChannel("slack-main", api(), new Secret("xoxb-wrong"), Duration.ofSeconds(5));
    assertThatThrownBy(() -> wrongToken.deliver(message("C0123PAY", "hello")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("invalid_auth");

    forcedError = "too_many_attachments";
    SlackChatChannel slack = new SlackChatChannel("slack-main", api(), new Secret(TOKEN), Duration.ofSeconds(5));
    assertThatThrownBy(() -> slack.deliver(message("C0123PAY", "hello")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("too_many_attachments");
  }

  @Test
  void rate_limits_server_errors_and_an_unreachable_slack_are_retryable() throws IOException {
    SlackChatChannel slack = new SlackChatChannel("slack-main", api(), new Secret(TOKEN), Duration.ofSeconds(5));
    forcedError = "ratelimited";
    assertThatThrownBy(() -> slack.deliver(message("C1", "x")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());
    forcedError = null;
    forcedStatus = 503;
    assertThatThrownBy(() -> slack.deliver(message("C1", "x")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("HTTP 503");

    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    SlackChatChannel down = new SlackChatChannel("slack-main", URI.create("http://127.0.0.1:" + port + "/api/"),
        new Secret(TOKEN), Duration.ofSeconds(2));
    assertThatThrownBy(() -> down.deliver(message("C1", "x")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("unreachable");
  }
}
