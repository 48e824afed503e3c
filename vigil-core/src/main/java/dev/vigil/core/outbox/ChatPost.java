package dev.vigil.core.outbox;

import dev.vigil.core.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a step asks to post: text, and optionally a finding card, charts and a thread.
 *
 * @param channel the channel as granted, e.g. {@code #payments-deploys} or a Slack channel id
 * @param text the message, or with a card the notification fallback (what a phone shows)
 * @param card the finding rendered as the chat's rich format
 * @param attachments charts posted right after the message, in its thread
 * @param thread a key naming a thread: posts of the same agent to the same channel with the same
 *     key form one thread, the first delivered one starting it and later ones replying under it
 *     (e.g. {@code deploy:4f2a}, so the +15 minute check answers under the +5 minute one)
 */
public record ChatPost(
    String channel, String text, Optional<FindingCard> card, List<ChatAttachment> attachments, Optional<String> thread) {
  /** Thread keys are stored next to the outbox's idempotency keys and share their bound. */
  public static final int MAX_THREAD_KEY = 200;

  public ChatPost {
    Validation.requireText(channel, "channel");
    Validation.requireNonNull(text, "text");
    card = card == null ? Optional.empty() : card;
    if (text.isBlank() && card.isEmpty()) {
      throw new IllegalArgumentException("a post to '" + channel + "' needs text or a card");
    }
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    if (attachments.size() > 10) {
      throw new IllegalArgumentException("a post carries at most 10 attachments, not " + attachments.size());
    }
    thread = thread == null ? Optional.empty() : thread;
    thread.ifPresent(key -> {
      if (key.isBlank() || key.length() > MAX_THREAD_KEY) {
        throw new IllegalArgumentException("thread key must have 1 to " + MAX_THREAD_KEY + " characters");
      }
    });
  }

  /** Plain text. */
  public static ChatPost text(String channel, String text) {
    return new ChatPost(channel, text, Optional.empty(), List.of(), Optional.empty());
  }

  /** A finding card; {@code fallback} is what notifications and text-only clients show. */
  public static ChatPost card(String channel, String fallback, FindingCard card) {
    return new ChatPost(channel, fallback, Optional.of(card), List.of(), Optional.empty());
  }

  public ChatPost withAttachment(ChatAttachment attachment) {
    List<ChatAttachment> more = new ArrayList<>(attachments);
    more.add(attachment);
    return new ChatPost(channel, text, card, more, thread);
  }

  public ChatPost inThread(String key) {
    return new ChatPost(channel, text, card, attachments, Optional.of(key));
  }
}
