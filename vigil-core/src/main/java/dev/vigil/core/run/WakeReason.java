package dev.vigil.core.run;

import dev.vigil.core.Validation;
import dev.vigil.core.event.EventId;
import java.time.Instant;

/** Why a run started. Every run records exactly one. */
public sealed interface WakeReason {

  /** A short line for logs and lists. */
  String describe();

  /**
   * A schedule fired.
   *
   * @param scheduledFor the cron instant this run stands for
   * @param skipped instants missed while no node ran, folded into this run by the catch-up policy
   */
  record Scheduled(Instant scheduledFor, int skipped) implements WakeReason {
    public Scheduled {
      Validation.requireNonNull(scheduledFor, "scheduledFor");
      if (skipped < 0) throw new IllegalArgumentException("skipped must be >= 0");
    }

    @Override
    public String describe() {
      return "schedule " + scheduledFor + (skipped > 0 ? " (" + skipped + " missed instants skipped)" : "");
    }
  }

  /** A stored event matched the task's trigger. */
  record OnEvent(EventId eventId, String source, String type) implements WakeReason {
    public OnEvent {
      Validation.requireNonNull(eventId, "eventId");
    }

    @Override
    public String describe() {
      return "event " + source + "/" + type + " " + eventId;
    }
  }

  /** A chat message addressed the agent. */
  record OnMessage(String channel, String author, String text) implements WakeReason {
    @Override
    public String describe() {
      return "message from " + author + " in " + channel;
    }
  }

  /** Someone started it by hand (API or console). */
  record Manual(String actor) implements WakeReason {
    @Override
    public String describe() {
      return "started by " + actor;
    }
  }
}
