package dev.vigil.core.message;

import dev.vigil.core.Validation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A chat message a person wrote where agents listen: a channel, or a direct message to one agent.
 * Integrations (the built-in chat, Slack) turn what they receive into this.
 *
 * @param integration where it was written, e.g. {@code chat} (built-in) or a Slack integration's name
 * @param channel the channel, e.g. {@code #payments}; for a direct message the conversation's id
 * @param author who wrote it (a user name or id)
 * @param mentions names of the agents it addresses (@-mentions, or the receiver of a direct message)
 * @param direct whether it is a direct message to the agent(s) in {@code mentions}
 * @param deliveryId the sender's id of this delivery, so a redelivery wakes nothing twice; empty if none
 */
public record InboundMessage(String integration, String channel, String author, String text, List<String> mentions,
    boolean direct, String deliveryId, Instant at) {

  public InboundMessage {
    integration = Validation.orEmpty(integration);
    channel = Validation.orEmpty(channel);
    author = Validation.orEmpty(author);
    text = Validation.orEmpty(text);
    mentions = mentions == null ? List.of() : mentions.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
    deliveryId = Validation.orEmpty(deliveryId);
    Validation.requireNonNull(at, "at");
    if (integration.isEmpty()) throw new IllegalArgumentException("a message needs the integration it came from");
    if (channel.isEmpty()) throw new IllegalArgumentException("a message needs a channel");
    if (author.isEmpty()) throw new IllegalArgumentException("a message needs an author");
  }

  /** Whether it addresses the agent named {@code agent}: listed in mentions, or @-named in the text. */
  public boolean addresses(String agent) {
    String name = agent.toLowerCase(Locale.ROOT);
    if (mentions.contains(name)) return true;
    String lower = text.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("@" + name);
    while (at >= 0) {
      int end = at + 1 + name.length();
      // "@ops-bot" must not count as a mention of "@ops".
      if (end == lower.length() || !isNameChar(lower.charAt(end))) return true;
      at = lower.indexOf("@" + name, end);
    }
    return false;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }
}
