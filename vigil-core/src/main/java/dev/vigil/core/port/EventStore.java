package dev.vigil.core.port;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import java.util.List;
import java.util.Optional;

/** Accepted events. Thread-safe; joins the caller's transaction. */
public interface EventStore {
  /**
   * Stores the event. Returns the id of an earlier event with the same source and non-empty
   * delivery id instead of storing a duplicate.
   */
  Optional<EventId> saveUnlessDuplicate(Event event);

  Optional<Event> find(EventId id);

  /** Newest first. */
  List<Event> list(int limit);
}
