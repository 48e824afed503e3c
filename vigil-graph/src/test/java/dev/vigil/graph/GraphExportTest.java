package dev.vigil.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphExportTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void an_edge_explains_itself_in_one_sentence_naming_every_source() {
    Edge edge = new Edge(NodeId.service("checkout"), EdgeKind.DEPENDS_ON, NodeId.service("payments"), List.of(
        Provenance.declared("catalog", T.minusSeconds(180), "services/checkout/catalog-info.yaml:3"),
        Provenance.observed("traces", T.minusSeconds(60), 0.99, "traces_service_graph_request_total")), false);
    assertThat(GraphExport.explain(edge, T)).isEqualTo("service:checkout depends-on service:payments: declared by"
        + " catalog (services/checkout/catalog-info.yaml:3), last seen 3 min ago; also observed by traces"
        + " (traces_service_graph_request_total), confidence 0.99, last seen 1 min ago");
    Edge old = new Edge(NodeId.service("a"), EdgeKind.OWNED_BY, NodeId.of(NodeKind.TEAM, "t"),
        List.of(Provenance.declared("catalog", T.minus(java.time.Duration.ofDays(3)), "")), true);
    assertThat(GraphExport.explain(old, T)).isEqualTo(
        "service:a owned-by team:t: declared by catalog, last seen 3 days ago; stale: no source has reported it lately");
  }

  @Test
  void dot_quotes_names_dashes_observed_only_edges_and_greys_stale_nodes() {
    Provenance declared = Provenance.declared("catalog", T, "a.yaml:1");
    Provenance observed = Provenance.observed("traces", T, 0.5, "");
    NodeId web = NodeId.service("web");
    NodeId runbook = NodeId.of(NodeKind.RUNBOOK, "https://r.example/\"x\"");
    GraphSnapshot graph = GraphSnapshot.of(T, NoisePolicy.DEFAULT,
        List.of(Node.of(web, Map.of(), declared), new Node(NodeId.service("old"), Map.of(), List.of(declared), true),
            Node.of(runbook, Map.of(), declared)),
        List.of(Edge.of(web, EdgeKind.DEPENDS_ON, NodeId.service("old"), observed),
            Edge.of(web, EdgeKind.DOCUMENTED_BY, runbook, declared)),
        List.of(), List.of(), List.of(), List.of());
    String dot = GraphExport.dot(graph);
    assertThat(dot).startsWith("digraph vigil {").endsWith("}\n")
        .contains("\"service:old\" [label=\"old\\nservice\", color=grey, fontcolor=grey];")
        .contains("\"service:web\" -> \"service:old\" [label=\"depends-on\", style=dashed];")
        .contains("\"service:web\" -> \"runbook:https://r.example/\\\"x\\\"\" [label=\"documented-by\"];");
    Map<String, Object> json = GraphExport.json(graph);
    assertThat((List<?>) json.get("nodes")).hasSize(3);
    @SuppressWarnings("unchecked")
    Map<String, Object> edge = (Map<String, Object>) ((List<?>) json.get("edges")).get(0);
    assertThat(edge).containsEntry("from", "service:web").containsEntry("observed", true).containsEntry("declared", false);
  }
}
