package dev.vigil.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.message.InboundMessage;
import dev.vigil.integrations.testing.BenchPayloads;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events API bodies from Slack's SDK samples (real shapes, anonymised values), with the values a
 * delivery would carry filled in.
 */
class SlackEventsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant RECEIVED = Instant.parse("2026-05-04T09:00:00Z");

  /** A sample body with the event's fields set as Slack would send them. */
  static byte[] sample(String file, String eventType, String channelType, String text) {
    ObjectNode root = (ObjectNode) JSON.readTree(BenchPayloads.read(BenchPayloads.slack("java-slack-sdk-json-logs/events/" + file)));
    root.put("type", "event_callback");
    root.put("event_id", "Ev0" + Math.abs(text.hashCode()));
    root.put("event_time", 1_777_000_000L);
    ObjectNode event = (ObjectNode) root.get("event");
    event.put("type", eventType);
    event.put("channel", channelType.equals("im") ? "D0123DM" : "C0123PAY");
    event.put("user", "U0PERSON");
    event.put("text", text);
    event.put("bot_id", "");
    event.put("subtype", "");
    if (event.has("channel_type") || !channelType.isEmpty()) {
      event.put("channel_type", channelType);
    }
    return JSON.writeValueAsBytes(root);
  }

  @Test
  void an_app_mention_addresses_the_integrations_agents_without_the_mention_markup() {
    byte[] body = sample("AppMentionPayload.json", "app_mention", "", "<@U0VIGILBOT> is checkout healthy?");

    SlackDelivery delivery = SlackEvents.parse(body, "slack-main", List.of("payments-watch"), RECEIVED);

    InboundMessage m = ((SlackDelivery.Message) delivery).message();
    assertThat(m.integration()).isEqualTo("slack-main");
    assertThat(m.channel()).isEqualTo("C0123PAY");
    assertThat(m.author()).isEqualTo("U0PERSON");
    assertThat(m.text()).isEqualTo("is checkout healthy?");
    assertThat(m.mentions()).containsExactly("payments-watch");
    assertThat(m.direct()).isFalse();
    assertThat(m.deliveryId()).startsWith("Ev0");
    assertThat(m.at()).isEqualTo(Instant.ofEpochSecond(1_777_000_000L));
  }

  @Test
  void a_direct_message_is_direct_and_a_channel_message_is_ignored_with_the_reason() {
    SlackDelivery im = SlackEvents.parse(sample("MessagePayload.json", "message", "im", "what changed today?"),
        "slack-main", List.of("payments-watch"), RECEIVED);
    assertThat(((SlackDelivery.Message) im).message().direct()).isTrue();

    SlackDelivery inChannel = SlackEvents.parse(sample("MessagePayload.json", "message", "channel", "lunch?"),
        "slack-main", List.of(), RECEIVED);
    assertThat(inChannel).isEqualTo(new SlackDelivery.Ignored("event 'message.channel' is not handled (app_mention, message.im)"));
  }

  @Test
  void the_stored_body_leaves_out_slacks_verification_token() {
    ObjectNode root = (ObjectNode) JSON.readTree(sample("AppMentionPayload.json", "app_mention", "", "hi"));
    root.put("token", "legacy-verification-token");

    String stored = SlackEvents.redacted(JSON.writeValueAsBytes(root));

    assertThat(stored).doesNotContain("legacy-verification-token").contains("\"event_id\"");
  }

  @Test
  void bot_messages_are_ignored_so_agents_do_not_answer_each_other() {
    ObjectNode root = (ObjectNode) JSON.readTree(sample("MessagePayload.json", "message", "im", "posted by a bot"));
    ((ObjectNode) root.get("event")).put("bot_id", "B0VIGIL");

    SlackDelivery delivery = SlackEvents.parse(JSON.writeValueAsBytes(root), "slack-main", List.of(), RECEIVED);

    assertThat(delivery).isInstanceOf(SlackDelivery.Ignored.class);
  }

  @Test
  void url_verification_returns_the_challenge_and_unreadable_bodies_are_refused() {
    byte[] verification = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(SlackEvents.parse(verification, "slack-main", List.of(), RECEIVED))
        .isEqualTo(new SlackDelivery.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    assertThatThrownBy(() -> SlackEvents.parse("{".getBytes(StandardCharsets.UTF_8), "s", List.of(), RECEIVED))
        .hasMessageStartingWith("body is not JSON");
  }
}
