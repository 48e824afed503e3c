package dev.vigil.graph.people;

import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphFact;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.port.GraphFactStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts people told the graph ({@code POST /api/v1/graph/facts}), read from their store on each
 * refresh: a relation becomes a declared edge, a note an attribute {@code note} of its node. Each fact's
 * provenance says who told it, when, and why ({@code told by alice at 2026-11-20T10:00:00Z: ...}); it is
 * as fresh as the refresh, because the fact stands until someone deletes it. Several notes on one node
 * are joined, oldest first.
 */
public final class PeopleSource implements GraphSource {
  /** The source name every fact is shown with. */
  public static final String NAME = "people";

  private final GraphFactStore facts;

  public PeopleSource(GraphFactStore facts) {
    if (facts == null) {
      throw new IllegalArgumentException("the people source needs a fact store");
    }
    this.facts = facts;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** A deleted fact was withdrawn by a person: it leaves the graph at once instead of turning stale. */
  @Override
  public boolean keepsWhatItStopsReporting() {
    return false;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    List<GraphFact> told;
    try {
      told = facts.list();
    } catch (RuntimeException e) {
      throw new Unavailable("cannot read the facts people told: " + e.getMessage(), e);
    }
    // Two people may state the same edge or annotate the same node: one fact of the graph, both told.
    Map<Edge.Key, List<GraphFact>> relations = new LinkedHashMap<>();
    Map<NodeId, List<GraphFact>> notes = new LinkedHashMap<>();
    for (GraphFact fact : told) {
      if (fact.edge().isPresent()) {
        relations.computeIfAbsent(fact.edge().get(), k -> new ArrayList<>()).add(fact);
      } else {
        notes.computeIfAbsent(fact.subject(), k -> new ArrayList<>()).add(fact);
      }
    }
    List<Edge> edges = new ArrayList<>();
    relations.forEach((key, list) -> edges.add(Edge.of(key.from(), key.kind(), key.to(), provenance(now, list))));
    List<Node> nodes = new ArrayList<>();
    notes.forEach((id, list) -> nodes.add(Node.of(id,
        Map.of("note", String.join(" / ", list.stream().map(GraphFact::note).toList())), provenance(now, list))));
    return new GraphContribution(NAME, now, nodes, edges, List.of(), List.of(), List.of(), List.of());
  }

  private static Provenance provenance(Instant now, List<GraphFact> facts) {
    return Provenance.declared(NAME, now, String.join("; ", facts.stream().map(PeopleSource::detail).toList()));
  }

  /** Who told it, when, and the note: what an explanation of the fact shows. */
  static String detail(GraphFact fact) {
    return "told by " + fact.author() + " at " + fact.toldAt() + (fact.note().isEmpty() ? "" : ": " + fact.note())
        + " (fact " + fact.id() + ")";
  }
}
