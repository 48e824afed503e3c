package dev.vigil.integrations.slack;

import dev.vigil.core.message.InboundMessage;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Translates Events API bodies. Slack addresses the app, not an agent: a mention of the app, or a
 * direct message to it, addresses the agents the slack integration lists in {@code agents}, and
 * any agent whose name is written as {@code @name} in the text. Messages from bots (Vigil's own
 * posts included) are ignored so that agents do not answer each other in a loop.
 */
public final class SlackEvents {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SlackEvents() {}

  /**
   * @param integration the slack integration the request was verified for
   * @param agents the agents that integration is for (its {@code agents} list)
   * @throws IllegalArgumentException when the body is not an Events API request; the message names the problem
   */
  public static SlackDelivery parse(byte[] body, String integration, List<String> agents, Instant receivedAt) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("body is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    String type = text(root, "type");
    switch (type) {
      case "url_verification" -> {
        String challenge = text(root, "challenge");
        if (challenge.isEmpty()) {
          throw new IllegalArgumentException("url_verification without a challenge");
        }
        return new SlackDelivery.UrlVerification(challenge);
      }
      case "event_callback" -> {
        return event(root, integration, agents, receivedAt);
      }
      default -> {
        return new SlackDelivery.Ignored("request type '" + type + "' is not handled (url_verification, event_callback)");
      }
    }
  }

  /**
   * The body as it may be stored and shown: without the top-level {@code token}, Slack's legacy
   * verification token, which is a credential of the app.
   */
  public static String redacted(byte[] body) {
    JsonNode root = JSON.readTree(body);
    if (root instanceof tools.jackson.databind.node.ObjectNode object) {
      object.remove("token");
    }
    return JSON.writeValueAsString(root);
  }

  private static SlackDelivery event(JsonNode root, String integration, List<String> agents, Instant receivedAt) {
    JsonNode event = root.path("event");
    String eventType = text(event, "type");
    boolean mention = eventType.equals("app_mention");
    boolean direct = eventType.equals("message") && text(event, "channel_type").equals("im");
    if (!mention && !direct) {
      return new SlackDelivery.Ignored("event '" + eventType + (text(event, "channel_type").isEmpty() ? ""
          : "." + text(event, "channel_type")) + "' is not handled (app_mention, message.im)");
    }
    if (!text(event, "bot_id").isEmpty() || !text(event, "subtype").isEmpty()) {
      // Edits, deletions, joins and bot posts are not someone asking an agent something.
      return new SlackDelivery.Ignored("message from a bot or of subtype '" + text(event, "subtype") + "'");
    }
    String channel = text(event, "channel");
    String user = text(event, "user");
    if (channel.isEmpty() || user.isEmpty()) {
      throw new IllegalArgumentException("event." + (channel.isEmpty() ? "channel" : "user") + ": required for "
          + eventType);
    }
    long eventTime = root.path("event_time").asLong(0);
    Instant at = eventTime > 0 ? Instant.ofEpochSecond(eventTime) : receivedAt;
    // Slack retries carry the same event_id: it is the delivery id that makes a retry wake nothing twice.
    String deliveryId = text(root, "event_id");
    String text = text(event, "text").replaceAll("<@[A-Z0-9]+>\\s*", "").trim();
    return new SlackDelivery.Message(new InboundMessage(integration, channel, user, text, agents, direct, deliveryId,
        at));
  }

  private static String text(JsonNode node, String field) {
    JsonNode at = node.path(field);
    return at.isMissingNode() || at.isNull() || at.isContainer() ? "" : at.asString();
  }
}
