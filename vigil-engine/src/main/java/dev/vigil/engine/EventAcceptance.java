package dev.vigil.engine;

import dev.vigil.core.event.EventId;
import dev.vigil.core.run.RunId;
import java.util.List;
import java.util.Optional;

/**
 * The result of accepting an event: its id, the earlier event it duplicates (then no run
 * started), and the runs it woke.
 */
public record EventAcceptance(EventId eventId, Optional<EventId> duplicateOf, List<RunId> runs) {
  public EventAcceptance {
    runs = List.copyOf(runs);
  }
}
