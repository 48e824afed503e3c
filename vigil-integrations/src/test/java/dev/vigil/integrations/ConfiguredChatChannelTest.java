package dev.vigil.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.ChatChannel;
import dev.vigil.integrations.slack.SlackWebApiFake;
import dev.vigil.integrations.testing.MapIntegrationStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the engine's posts go as configuration changes, without a restart. */
class ConfiguredChatChannelTest {
  private final MapIntegrationStore store = new MapIntegrationStore();
  private final List<String> builtIn = new CopyOnWriteArrayList<>();
  private final List<String> teamsPaths = new CopyOnWriteArrayList<>();
  private final ChatChannel fallback = new ChatChannel() {
    @Override
    public String integration() {
      return "chat";
    }

    @Override
    public Optional<String> deliver(ChatMessage message) {
      builtIn.add(message.text());
      return Optional.of(message.idempotencyKey());
    }

    @Override
    public boolean sharesDatabase() {
      return true;
    }
  };
  private HttpServer teams;

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws IOException {
    teams = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    teams.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      teamsPaths.add(exchange.getRequestURI().getPath() + " " + body.contains("AdaptiveCard"));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    teams.start();
  }

  @AfterEach
  void stop() {
    teams.stop(0);
  }

  private static ChatMessage message(String text) {
    return new ChatMessage(new AgentId("payments-watch"), "#payments", text, "k-" + text);
  }

  private Path teamsUrlFile(String path) throws IOException {
    return Files.writeString(dir.resolve("teams-url"), "http://127.0.0.1:" + teams.getAddress().getPort() + path);
  }

  @Test
  void without_a_chat_integration_posts_stay_in_the_built_in_chat_in_its_transaction() throws Exception {
    ConfiguredChatChannel chat = new ConfiguredChatChannel("chat", store, new SecretResolver(k -> null), fallback);
    store.save(new IntegrationConfig("chat-other", IntegrationType.TEAMS, List.of(), Map.of(),
        Map.of("webhookUrl", SecretRef.parse("${file:" + teamsUrlFile("/other") + "}"))), Instant.now());

    assertThat(chat.deliver(message("hello"))).contains("k-hello");

    assertThat(chat.sharesDatabase()).isTrue();
    assertThat(chat.current()).isSameAs(fallback);
    assertThat(builtIn).containsExactly("hello");
    assertThat(teamsPaths).isEmpty();
  }

  @Test
  void a_teams_integration_named_chat_takes_the_posts_and_a_rotated_url_applies_at_once() throws Exception {
    ConfiguredChatChannel chat = new ConfiguredChatChannel("chat", store, new SecretResolver(k -> null), fallback);
    Path url = teamsUrlFile("/first");
    store.save(new IntegrationConfig("chat", IntegrationType.TEAMS, List.of(), Map.of(),
        Map.of("webhookUrl", SecretRef.parse("${file:" + url + "}"))), Instant.now());

    chat.deliver(message("one"));
    teamsUrlFile("/second");
    chat.deliver(message("two"));

    assertThat(chat.sharesDatabase()).isFalse();
    assertThat(chat.current().sharesDatabase()).isFalse();
    assertThat(teamsPaths).containsExactly("/first true", "/second true");
    assertThat(builtIn).isEmpty();
  }

  @Test
  void a_slack_chat_integration_without_a_bot_token_leaves_posts_in_the_built_in_chat_and_an_unset_one_fails() {
    ConfiguredChatChannel chat = new ConfiguredChatChannel("chat", store, new SecretResolver(k -> null), fallback);
    store.save(new IntegrationConfig("chat", IntegrationType.SLACK, List.of(), Map.of(),
        Map.of("signingSecret", SecretRef.parse("${env:SLACK_SIGNING}"))), Instant.now());
    assertThat(chat.sharesDatabase()).isTrue();

    store.save(new IntegrationConfig("chat", IntegrationType.SLACK, List.of(), Map.of(),
        Map.of("botToken", SecretRef.parse("${env:SLACK_BOT_TOKEN}"))), Instant.now());

    assertThat(chat.sharesDatabase()).isFalse();
    assertThatThrownBy(() -> chat.deliver(message("x")))
        .isInstanceOfSatisfying(ChatChannel.DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessage("chat integration 'chat': credential ${env:SLACK_BOT_TOKEN} is unset");
  }

  @Test
  void one_delivery_reads_the_chat_integration_once() throws Exception {
    ConfiguredChatChannel chat = new ConfiguredChatChannel("chat", store, new SecretResolver(k -> null), fallback);
    store.save(new IntegrationConfig("chat", IntegrationType.TEAMS, List.of(), Map.of(),
        Map.of("webhookUrl", SecretRef.parse("${file:" + teamsUrlFile("/once") + "}"))), Instant.now());
    int before = store.finds();

    // What the engine does per delivery: pick the channel, ask whether it shares the database, deliver.
    ChatChannel target = chat.current();
    assertThat(target.sharesDatabase()).isFalse();
    target.deliver(message("once"));

    assertThat(store.finds() - before).isEqualTo(1);
    assertThat(teamsPaths).containsExactly("/once true");
  }

  @Test
  void a_slack_integration_named_chat_posts_finding_cards_to_its_configured_api() throws Exception {
    try (SlackWebApiFake slackApi = new SlackWebApiFake(Map.of("payments", "C0PAY"))) {
      Path token = Files.writeString(dir.resolve("slack-token"), SlackWebApiFake.TOKEN);
      store.save(new IntegrationConfig("chat", IntegrationType.SLACK, List.of(), Map.of("url", slackApi.api().toString()),
          Map.of("botToken", SecretRef.parse("${file:" + token + "}"))), Instant.now());
      ConfiguredChatChannel chat = new ConfiguredChatChannel("chat", store, new SecretResolver(k -> null), fallback);
      FindingCard card = FindingCard.of("checkout p99 up", Severity.WARNING, "after deploy 4f2a");

      Optional<String> id = chat.deliver(new ChatMessage(new AgentId("payments-watch"), "#payments", "p99 up", "k-1",
          Optional.of(card), Optional.empty(), Optional.empty()));

      SlackWebApiFake.Post post = slackApi.posts().getFirst();
      assertThat(post.blocks().get(0).at("/text/text").asString()).contains("checkout p99 up");
      assertThat(id).contains("C0PAY/" + post.ts());
      assertThat(builtIn).isEmpty();
    }
  }
}
