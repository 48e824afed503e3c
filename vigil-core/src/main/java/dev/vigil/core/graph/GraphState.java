package dev.vigil.core.graph;

import java.time.Instant;
import java.util.List;

/**
 * What the graph must keep across restarts: each source's last good contribution, and the nodes and
 * edges that no current contribution reports any more, with the provenance of their last sighting (so
 * a removed entry comes back stale, not forgotten). Facts still reported are not repeated here.
 */
public record GraphState(Instant savedAt, List<GraphContribution> contributions, List<Node> unreportedNodes,
    List<Edge> unreportedEdges) {
  public GraphState {
    if (savedAt == null) {
      throw new IllegalArgumentException("graph state needs the time it was saved");
    }
    contributions = contributions == null ? List.of() : List.copyOf(contributions);
    unreportedNodes = unreportedNodes == null ? List.of() : List.copyOf(unreportedNodes);
    unreportedEdges = unreportedEdges == null ? List.of() : List.copyOf(unreportedEdges);
  }
}
