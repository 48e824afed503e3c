package dev.vigil.core.port;

import dev.vigil.core.graph.GraphState;
import java.util.Optional;

/**
 * Keeps the context graph's state across restarts. {@link #save} replaces the stored state as a
 * whole, atomically: a reader never sees half of one refresh. Thread-safe.
 */
public interface GraphStore {
  void save(GraphState state);

  /** The last saved state; empty before the first save. */
  Optional<GraphState> load();
}
