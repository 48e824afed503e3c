package dev.vigil.core.graph;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node with its attributes (title, description, links; free-form strings) and the provenance of
 * every source that contributed it. In a source's contribution a node has one provenance; in the
 * merged graph it has one per source, and {@code stale} says no source has seen it for the
 * configured time (stale nodes are kept, so a lost source or a removed entry does not erase history).
 */
public record Node(NodeId id, Map<String, String> attributes, List<Provenance> provenance, boolean stale) {
  public Node {
    if (id == null) {
      throw new IllegalArgumentException("node id is required");
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    provenance = provenance == null ? List.of() : List.copyOf(provenance);
    if (provenance.isEmpty()) {
      throw new IllegalArgumentException("node " + id + " needs a provenance");
    }
  }

  public static Node of(NodeId id, Map<String, String> attributes, Provenance provenance) {
    return new Node(id, attributes, List.of(provenance), false);
  }

  /** The latest time any source saw this node. */
  public Instant lastSeen() {
    return provenance.stream().map(Provenance::observedAt).max(Comparator.naturalOrder()).orElseThrow();
  }

  /** Attributes sorted by key, for stable output. */
  public Map<String, String> sortedAttributes() {
    return new TreeMap<>(attributes);
  }
}
