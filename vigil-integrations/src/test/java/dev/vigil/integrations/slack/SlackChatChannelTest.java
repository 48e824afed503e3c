package dev.vigil.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.ChatChannel.DeliveryException;
import dev.vigil.core.security.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Slack's SDK against {@link SlackWebApiFake}, which checks requests the way Slack's Web API does
 * (bearer token, content type, required fields, Block Kit limits, upload order) and answers with
 * Slack's own example answers and error codes.
 */
class SlackChatChannelTest {
  private static final String PAYMENTS = "C0123PAY";
  private static final AgentId AGENT = new AgentId("payments-watch");
  private SlackWebApiFake slackApi;
  private SlackChatChannel slack;

  @BeforeEach
  void start() throws IOException {
    slackApi = new SlackWebApiFake(Map.of("payments-deploys", PAYMENTS));
    slack = new SlackChatChannel("slack-main", slackApi.api(), new Secret(SlackWebApiFake.TOKEN), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    slackApi.close();
  }

  private static ChatMessage text(String channel, String text) {
    return new ChatMessage(AGENT, channel, text, "run-1:0:0");
  }

  private static ChatMessage card(FindingCard card, Optional<String> replyTo) {
    return new ChatMessage(AGENT, PAYMENTS, "checkout p99 up 2.3x after deploy 4f2a", "run-1:0:0", Optional.of(card),
        Optional.empty(), replyTo);
  }

  private static ChatMessage chart(ChatAttachment chart, Optional<String> replyTo, String channel) {
    return new ChatMessage(AGENT, channel, chart.altText(), "run-1:0:1", Optional.empty(), Optional.of(chart), replyTo);
  }

  private static ChatAttachment png(String name, int size) {
    byte[] bytes = new byte[8 + size];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, bytes, 0, 8);
    for (int i = 8; i < bytes.length; i++) bytes[i] = (byte) i;
    return new ChatAttachment(name, "p99 latency of checkout, last hour", bytes);
  }

  private static FindingCard finding() {
    return FindingCard.of("checkout p99 up 2.3x after deploy 4f2a", Severity.CRITICAL,
            "p99 rose from 180 ms to 412 ms within 5 minutes of the rollout <checkout>.")
        .withEvidence("p99 latency", "412 ms", "180 ms same hour last week")
        .withEvidence("error rate", "0.4 %", "0.1 %")
        .withLink(URI.create("https://vigil.example/findings/42"))
        .withNextStep("roll back checkout to 4f29 (runbook: payments/rollback)")
        .withOwner("@payments-oncall");
  }

  @Test
  void a_post_reaches_slack_with_the_bot_token_channel_and_text_and_returns_its_channel_and_ts() throws Exception {
    Optional<String> id = slack.deliver(text("#payments-deploys", "checkout p99 back to 180 ms after the deploy"));

    SlackWebApiFake.Post post = slackApi.posts().getFirst();
    assertThat(post.channelId()).isEqualTo(PAYMENTS);
    assertThat(post.text()).isEqualTo("checkout p99 back to 180 ms after the deploy");
    assertThat(post.blocks()).isNull();
    assertThat(id).contains(PAYMENTS + "/" + post.ts());
  }

  @Test
  void a_finding_card_becomes_block_kit_with_the_text_as_notification_fallback() throws Exception {
    slack.deliver(card(finding(), Optional.empty()));

    SlackWebApiFake.Post post = slackApi.posts().getFirst();
    assertThat(post.text()).isEqualTo("checkout p99 up 2.3x after deploy 4f2a");
    JsonNode blocks = post.blocks();
    assertThat(blocks.findValuesAsString("type")).containsSubsequence("header", "section", "section", "section",
        "divider", "context", "actions");
    assertThat(blocks.get(0).at("/text/text").asString()).isEqualTo(":red_circle: checkout p99 up 2.3x after deploy 4f2a");
    assertThat(blocks.get(1).at("/text/text").asString()).contains("&lt;checkout&gt;");
    assertThat(blocks.get(2).at("/fields/0/text").asString()).isEqualTo("*p99 latency*\n412 ms (baseline 180 ms same hour last week)");
    assertThat(blocks.get(3).at("/text/text").asString()).startsWith("*Next step:* roll back checkout");
    assertThat(blocks.get(5).toString()).contains("Owner: @payments-oncall");
    assertThat(blocks.get(6).at("/elements/0/url").asString()).isEqualTo("https://vigil.example/findings/42");
  }

  @Test
  void a_card_beyond_slacks_limits_is_cut_with_an_ellipsis_and_still_accepted() throws Exception {
    FindingCard huge = FindingCard.of("t".repeat(400), Severity.WARNING, "s".repeat(5000)).withNextStep("n".repeat(4000))
        .withLink(URI.create("https://vigil.example/findings/43"));
    for (int i = 0; i < 700; i++) {
      huge = huge.withEvidence("line " + i, "v".repeat(2500), "b");
    }

    slack.deliver(card(huge, Optional.empty()));

    JsonNode blocks = slackApi.posts().getFirst().blocks();
    assertThat(blocks.size()).isEqualTo(SlackFindingBlocks.MAX_BLOCKS);
    String header = blocks.get(0).at("/text/text").asString();
    assertThat(header).hasSize(150).endsWith("…");
    assertThat(blocks.get(1).at("/text/text").asString()).hasSize(3000).endsWith("…");
    assertThat(blocks.get(2).at("/fields/0/text").asString()).hasSize(2000).endsWith("…");
    assertThat(blocks.toString()).contains("more evidence lines on the finding's page");
  }

  @Test
  void a_reply_goes_into_the_thread_of_the_message_it_answers() throws Exception {
    String root = slack.deliver(card(finding(), Optional.empty())).orElseThrow();

    Optional<String> reply = slack.deliver(new ChatMessage(AGENT, PAYMENTS, "+15 min: p99 back to 185 ms", "run-1:2:0",
        Optional.empty(), Optional.empty(), Optional.of(root)));

    List<SlackWebApiFake.Post> posts = slackApi.posts();
    assertThat(posts.get(1).threadTs()).isEqualTo(posts.get(0).ts());
    assertThat(root).isEqualTo(PAYMENTS + "/" + posts.get(0).ts());
    assertThat(reply).contains(PAYMENTS + "/" + posts.get(1).ts());
  }

  @Test
  void a_chart_is_uploaded_in_slacks_order_into_its_messages_thread_with_its_bytes() throws Exception {
    String root = slack.deliver(card(finding(), Optional.empty())).orElseThrow();
    ChatAttachment chart = png("checkout-p99.png", 40_000);

    Optional<String> id = slack.deliver(chart(chart, Optional.of(root), PAYMENTS));

    assertThat(id).isEmpty();
    assertThat(slackApi.calls()).containsExactly("chat.postMessage", "files.getUploadURLExternal", "upload",
        "files.completeUploadExternal");
    SlackWebApiFake.Upload shared = slackApi.sharedFiles().getFirst();
    assertThat(shared.filename).isEqualTo("checkout-p99.png");
    assertThat(shared.altText).isEqualTo("p99 latency of checkout, last hour");
    assertThat(shared.bytes).isEqualTo(chart.content());
    assertThat(shared.channelId).isEqualTo(PAYMENTS);
    assertThat(shared.threadTs).isEqualTo(slackApi.posts().getFirst().ts());
  }

  @Test
  void a_chart_whose_message_never_arrived_starts_its_own_thread_with_its_alt_text() throws Exception {
    ChatAttachment chart = png("checkout-p99.png", 100);

    Optional<String> id = slack.deliver(chart(chart, Optional.empty(), "#payments-deploys"));

    SlackWebApiFake.Post post = slackApi.posts().getFirst();
    assertThat(post.text()).isEqualTo(chart.altText());
    assertThat(id).contains(PAYMENTS + "/" + post.ts());
    assertThat(slackApi.sharedFiles()).singleElement().satisfies(f -> assertThat(f.threadTs).isEqualTo(post.ts()));
  }

  @Test
  void a_reply_to_a_message_of_another_chat_starts_a_thread_of_its_own() throws Exception {
    slack.deliver(new ChatMessage(AGENT, PAYMENTS, "x", "k", Optional.empty(), Optional.empty(),
        Optional.of("run-7:0:0")));

    assertThat(slackApi.posts().getFirst().threadTs()).isNull();
  }

  @Test
  void a_wrong_token_or_unknown_channel_is_a_permanent_failure_naming_slacks_error() {
    SlackChatChannel wrongToken = new SlackChatChannel("slack-main", slackApi.api(), new Secret("xoxb-wrong"),
        Duration.ofSeconds(5));
    assertThatThrownBy(() -> wrongToken.deliver(text(PAYMENTS, "hello")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("invalid_auth").hasMessageNotContaining("xoxb-wrong");

    assertThatThrownBy(() -> slack.deliver(text("#nowhere", "hello")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("channel_not_found");
    assertThat(slackApi.posts()).isEmpty();
  }

  @Test
  void a_rate_limit_is_retryable_after_slacks_retry_after_and_so_are_outages() throws IOException {
    slackApi.rateLimit(1, 7);
    assertThatThrownBy(() -> slack.deliver(text(PAYMENTS, "x")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        })
        .hasMessageContaining("HTTP 429");

    slackApi.refuse(1, 503, 0);
    assertThatThrownBy(() -> slack.deliver(text(PAYMENTS, "x")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("HTTP 503");

    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    SlackChatChannel down = new SlackChatChannel("slack-main", URI.create("http://127.0.0.1:" + port + "/api/"),
        new Secret(SlackWebApiFake.TOKEN), Duration.ofSeconds(2));
    assertThatThrownBy(() -> down.deliver(text(PAYMENTS, "x")))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("unreachable");
  }

  @Test
  void a_rate_limited_upload_step_is_retryable_and_the_retry_uploads_once() throws Exception {
    String root = slack.deliver(card(finding(), Optional.empty())).orElseThrow();
    ChatAttachment chart = png("c.png", 10);
    slackApi.rateLimit(1, 3);
    assertThatThrownBy(() -> slack.deliver(chart(chart, Optional.of(root), PAYMENTS)))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isTrue());

    slack.deliver(chart(chart, Optional.of(root), PAYMENTS));

    assertThat(slackApi.sharedFiles()).singleElement().satisfies(f -> assertThat(f.bytes).isEqualTo(chart.content()));
  }
}
