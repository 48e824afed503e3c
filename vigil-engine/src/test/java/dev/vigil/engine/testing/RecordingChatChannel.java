package dev.vigil.engine.testing;

import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.port.ChatChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chat channel that records every delivery attempt it accepts and, like Slack with an
 * idempotency key, shows a redelivered key once. It can be switched down (retryable), made to
 * refuse (permanent) or to accept a message and then crash the caller. Thread-safe.
 */
public final class RecordingChatChannel implements ChatChannel {
  private enum Mode { UP, DOWN, REFUSING, CRASH_AFTER_ACCEPTING_ONCE, RATE_LIMITED }

  private final String integration;
  private final List<ChatMessage> deliveries = new ArrayList<>();
  private final Map<String, ChatMessage> shown = new LinkedHashMap<>();
  private int refusedCalls;
  private Mode mode = Mode.UP;
  private String crashAfterKey;
  private Duration retryAfter;

  public RecordingChatChannel(String integration) {
    this.integration = integration;
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public synchronized Optional<String> deliver(ChatMessage message) throws DeliveryException {
    if (message.idempotencyKey().equals(crashAfterKey)) {
      crashAfterKey = null;
      accept(message);
      throw new SimulatedCrash("after the chat accepted " + message.idempotencyKey());
    }
    switch (mode) {
      case RATE_LIMITED -> {
        refusedCalls++;
        throw new DeliveryException("chat answered HTTP 429", true, null, retryAfter);
      }
      case DOWN -> {
        refusedCalls++;
        throw new DeliveryException("chat unavailable: HTTP 503", true, null);
      }
      case REFUSING -> {
        refusedCalls++;
        throw new DeliveryException("channel_not_found", false, null);
      }
      case CRASH_AFTER_ACCEPTING_ONCE -> {
        accept(message);
        mode = Mode.UP;
        throw new SimulatedCrash("after the chat accepted " + message.idempotencyKey());
      }
      case UP -> accept(message);
    }
    return Optional.of(platformId(message.idempotencyKey()));
  }

  /** The id this chat gives the message of {@code key}, as Slack gives a {@code ts}. */
  public static String platformId(String key) {
    return "ts-" + key;
  }

  private void accept(ChatMessage message) {
    deliveries.add(message);
    shown.putIfAbsent(message.idempotencyKey(), message);
  }

  /** Every accepted delivery, redeliveries included. */
  public synchronized List<ChatMessage> deliveries() {
    return List.copyOf(deliveries);
  }

  /** What users see: one message per idempotency key. */
  public synchronized List<ChatMessage> shown() {
    return List.copyOf(shown.values());
  }

  /** Calls answered with a failure. */
  public synchronized int refusedCalls() {
    return refusedCalls;
  }

  public synchronized void goDown() {
    mode = Mode.DOWN;
  }

  public synchronized void refuseEverything() {
    mode = Mode.REFUSING;
  }

  public synchronized void crashAfterAcceptingNextMessage() {
    mode = Mode.CRASH_AFTER_ACCEPTING_ONCE;
  }

  /** The delivery of {@code key} is accepted, then the caller crashes before recording it. */
  public synchronized void crashAfterAccepting(String key) {
    crashAfterKey = key;
  }

  /** Answers like a throttling chat, asking to wait {@code retryAfter}. */
  public synchronized void rateLimit(Duration retryAfter) {
    this.retryAfter = retryAfter;
    mode = Mode.RATE_LIMITED;
  }

  public synchronized void recover() {
    mode = Mode.UP;
  }
}
