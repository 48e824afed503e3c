package dev.vigil.integrations.slack;

import dev.vigil.core.message.InboundMessage;

/** What one Events API request asks of the receiver. */
public sealed interface SlackDelivery {
  /** Slack checking the endpoint when it is configured: answer the challenge. */
  record UrlVerification(String challenge) implements SlackDelivery {}

  /** A message addressed to agents: an {@code app_mention} or a direct message ({@code message.im}). */
  record Message(InboundMessage message) implements SlackDelivery {}

  /** A verified event Vigil does not act on; answered 200 so that Slack does not retry it. */
  record Ignored(String reason) implements SlackDelivery {}
}
