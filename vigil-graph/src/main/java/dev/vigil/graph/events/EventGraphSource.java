package dev.vigil.graph.events;

import dev.vigil.core.event.Event;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.port.EventStore;
import java.util.List;

/** A graph source that reads the newest accepted events on each refresh. */
abstract class EventGraphSource implements GraphSource {
  private final String name;
  private final EventStore events;
  private final int limit;

  EventGraphSource(String name, EventStore events, int limit) {
    if (name == null || name.isBlank() || events == null) {
      throw new IllegalArgumentException("an event-based graph source needs a name and an event store");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("graph source '" + name + "' must read at least 1 event, was " + limit);
    }
    this.name = name;
    this.events = events;
    this.limit = limit;
  }

  @Override
  public final String name() {
    return name;
  }

  /** The newest {@code limit} events, newest first. */
  protected final List<Event> recentEvents() throws Unavailable {
    try {
      return events.list(limit);
    } catch (RuntimeException e) {
      throw new Unavailable("cannot read events: " + e.getMessage(), e);
    }
  }
}
