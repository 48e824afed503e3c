package dev.vigil.core.graph;

import java.time.Instant;
import java.util.List;

/**
 * What the graph must keep across restarts: each source's last good contribution, and every node
 * and edge ever seen with the provenance of its last sighting (so a removed entry comes back stale,
 * not forgotten).
 */
public record GraphState(Instant savedAt, List<GraphContribution> contributions, List<Node> seenNodes,
    List<Edge> seenEdges) {
  public GraphState {
    if (savedAt == null) {
      throw new IllegalArgumentException("graph state needs the time it was saved");
    }
    contributions = contributions == null ? List.of() : List.copyOf(contributions);
    seenNodes = seenNodes == null ? List.of() : List.copyOf(seenNodes);
    seenEdges = seenEdges == null ? List.of() : List.copyOf(seenEdges);
  }
}
