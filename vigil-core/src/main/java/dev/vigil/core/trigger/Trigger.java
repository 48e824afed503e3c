package dev.vigil.core.trigger;

import dev.vigil.core.Validation;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.event.Event;
import dev.vigil.core.message.InboundMessage;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What wakes a task: a schedule, an event, or a chat message. */
public sealed interface Trigger {

  /** A cron schedule in an IANA time zone. */
  record Schedule(CronExpression cron, ZoneId zone, CatchUpPolicy catchUp) implements Trigger {
    public Schedule {
      Validation.requireNonNull(cron, "schedule.cron");
      Validation.requireNonNull(zone, "schedule.zone");
      catchUp = catchUp == null ? CatchUpPolicy.RUN_ONCE : catchUp;
    }
  }

  /**
   * An event whose fields match. Empty matchers match anything; {@code labels} must all be present
   * with equal values; every keyword must occur (case-insensitive) in the event's text.
   */
  record OnEvent(String source, String type, Map<String, String> labels, List<String> keywords)
      implements Trigger {
    public OnEvent {
      source = Validation.orEmpty(source);
      type = Validation.orEmpty(type);
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public boolean matches(Event event) {
      if (!source.isEmpty() && !source.equalsIgnoreCase(event.source())) {
        return false;
      }
      if (!type.isEmpty() && !typeMatches(event.type())) {
        return false;
      }
      for (Map.Entry<String, String> label : labels.entrySet()) {
        if (!label.getValue().equals(event.labels().get(label.getKey()))) {
          return false;
        }
      }
      String text = event.searchableText().toLowerCase(Locale.ROOT);
      for (String keyword : keywords) {
        if (!text.contains(keyword.toLowerCase(Locale.ROOT))) {
          return false;
        }
      }
      return true;
    }

    /** {@code deployment_status} matches {@code deployment_status}; a trailing * is a prefix. */
    private boolean typeMatches(String eventType) {
      if (type.endsWith("*")) {
        return eventType.startsWith(type.substring(0, type.length() - 1));
      }
      return type.equals(eventType);
    }
  }

  /**
   * A chat message. In a channel: {@code channel}, or when empty any of the agent's channels; with
   * {@code mentionOnly} only when the message addresses the agent. With {@code directMessage}
   * also a direct message to the agent. An agent's own messages never wake it.
   */
  record OnMessage(String channel, boolean mentionOnly, boolean directMessage) implements Trigger {
    public OnMessage {
      channel = Validation.orEmpty(channel);
    }

    public boolean matches(InboundMessage message, AgentId agent, List<String> agentChannels) {
      if (message.author().equalsIgnoreCase(agent.value())) {
        return false;
      }
      if (message.direct()) {
        return directMessage && message.mentions().contains(agent.value().toLowerCase(Locale.ROOT));
      }
      boolean inChannel = channel.isEmpty()
          ? agentChannels.stream().anyMatch(c -> c.equalsIgnoreCase(message.channel()))
          : channel.equalsIgnoreCase(message.channel());
      return inChannel && (!mentionOnly || message.addresses(agent.value()));
    }
  }
}
