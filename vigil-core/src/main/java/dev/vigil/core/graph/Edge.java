package dev.vigil.core.graph;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A typed, directed edge ({@code from KIND to}) and the provenance of every source that reported
 * it. The merged graph holds one edge per (from, kind, to), with all sources' provenance, so
 * "checkout depends on payments" can say it was both declared in a catalog and observed in traffic.
 */
public record Edge(NodeId from, EdgeKind kind, NodeId to, List<Provenance> provenance, boolean stale) {
  public Edge {
    if (from == null || kind == null || to == null) {
      throw new IllegalArgumentException("edge needs from, kind and to");
    }
    provenance = provenance == null ? List.of() : List.copyOf(provenance);
    if (provenance.isEmpty()) {
      throw new IllegalArgumentException("edge " + from + " " + kind.wire() + " " + to + " needs a provenance");
    }
  }

  public static Edge of(NodeId from, EdgeKind kind, NodeId to, Provenance provenance) {
    return new Edge(from, kind, to, List.of(provenance), false);
  }

  public Key key() {
    return new Key(from, kind, to);
  }

  public Instant lastSeen() {
    return provenance.stream().map(Provenance::observedAt).max(Comparator.naturalOrder()).orElseThrow();
  }

  public boolean declared() {
    return provenance.stream().anyMatch(p -> p.evidence() == Provenance.Evidence.DECLARED);
  }

  public boolean observed() {
    return provenance.stream().anyMatch(p -> p.evidence() == Provenance.Evidence.OBSERVED);
  }

  /** An edge's identity without its provenance. */
  public record Key(NodeId from, EdgeKind kind, NodeId to) {
    public Key {
      if (from == null || kind == null || to == null) {
        throw new IllegalArgumentException("edge needs from, kind and to");
      }
    }

    @Override
    public String toString() {
      return from + " " + kind.wire() + " " + to;
    }
  }
}
