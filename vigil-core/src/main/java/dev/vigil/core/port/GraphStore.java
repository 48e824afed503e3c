package dev.vigil.core.port;

import dev.vigil.core.graph.GraphState;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the context graph's state across restarts. {@link #save} replaces the stored state as a
 * whole, atomically: a reader never sees half of one refresh. Thread-safe.
 */
public interface GraphStore {
  void save(GraphState state);

  /**
   * Saves {@code state} when only the contributions of {@code changedSources} differ from the last
   * save (the caller guarantees it): a store may rewrite just those, which matters when another
   * source holds a million deploys. Sources absent from {@code state} are removed either way.
   */
  default void save(GraphState state, Set<String> changedSources) {
    save(state);
  }

  /** The last saved state; empty before the first save. */
  Optional<GraphState> load();
}
