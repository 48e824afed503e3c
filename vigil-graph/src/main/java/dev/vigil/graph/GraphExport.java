package dev.vigil.graph;

import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph as plain maps and lists (for any JSON writer) and as Graphviz DOT. Field names here are
 * the API's and the export's; they are documented in docs/context-graph.md.
 */
public final class GraphExport {
  private GraphExport() {}

  public static Map<String, Object> node(Node n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.id().toString());
    m.put("kind", n.id().kind().wire());
    m.put("name", n.id().name());
    m.put("attributes", n.sortedAttributes());
    m.put("stale", n.stale());
    m.put("lastSeen", n.lastSeen().toString());
    m.put("provenance", n.provenance().stream().map(GraphExport::provenance).toList());
    return m;
  }

  public static Map<String, Object> edge(Edge e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", e.from().toString());
    m.put("kind", e.kind().wire());
    m.put("to", e.to().toString());
    m.put("declared", e.declared());
    m.put("observed", e.observed());
    m.put("stale", e.stale());
    m.put("lastSeen", e.lastSeen().toString());
    m.put("provenance", e.provenance().stream().map(GraphExport::provenance).toList());
    return m;
  }

  public static Map<String, Object> provenance(Provenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", p.source());
    m.put("evidence", p.evidence().name().toLowerCase(java.util.Locale.ROOT));
    m.put("observedAt", p.observedAt().toString());
    m.put("confidence", p.confidence());
    m.put("detail", p.detail());
    return m;
  }

  public static Map<String, Object> owner(ContextGraph.Owner o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("who", o.who().toString());
    m.put("role", o.role());
    m.put("provenance", provenance(o.provenance()));
    return m;
  }

  public static Map<String, Object> deploy(Deploy d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", d.service().toString());
    m.put("at", d.at().toString());
    m.put("environment", d.environment());
    m.put("version", d.version());
    m.put("provenance", provenance(d.provenance()));
    return m;
  }

  public static Map<String, Object> problem(SourceProblem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", p.source());
    m.put("location", p.location());
    m.put("message", p.message());
    return m;
  }

  /**
   * One sentence a person can read: "service:checkout depends-on service:payments: declared by catalog
   * (services/checkout/catalog-info.yaml:3), last seen 3 min ago; observed by traces (...), last seen 1 min
   * ago".
   */
  public static String explain(Edge e, java.time.Instant now) {
    StringBuilder out = new StringBuilder(e.key().toString()).append(": ");
    for (int i = 0; i < e.provenance().size(); i++) {
      Provenance p = e.provenance().get(i);
      if (i > 0) {
        out.append("; also ");
      }
      out.append(p.evidence() == Provenance.Evidence.DECLARED ? "declared by " : "observed by ").append(p.source());
      if (!p.detail().isEmpty()) {
        out.append(" (").append(p.detail()).append(')');
      }
      if (p.evidence() == Provenance.Evidence.OBSERVED) {
        out.append(String.format(java.util.Locale.ROOT, ", confidence %.2f", p.confidence()));
      }
      out.append(", last seen ").append(ago(java.time.Duration.between(p.observedAt(), now)));
    }
    if (e.stale()) {
      out.append("; stale: no source has reported it lately");
    }
    return out.toString();
  }

  static String ago(java.time.Duration d) {
    if (d.isNegative() || d.toSeconds() < 60) {
      return "just now";
    }
    if (d.toMinutes() < 120) {
      return d.toMinutes() + " min ago";
    }
    if (d.toHours() < 48) {
      return d.toHours() + " h ago";
    }
    return d.toDays() + " days ago";
  }

  /** Every node and edge with provenance, the problems and the dependency conflicts. */
  public static Map<String, Object> json(GraphSnapshot graph) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("builtAt", graph.builtAt().toString());
    m.put("nodes", graph.allNodes().stream().map(GraphExport::node).toList());
    m.put("edges", graph.allEdges().stream().map(GraphExport::edge).toList());
    m.put("problems", graph.problems().stream().map(GraphExport::problem).toList());
    Map<String, Object> conflicts = new LinkedHashMap<>();
    conflicts.put("declaredNotObserved", graph.conflicts().declaredNotObserved().stream().map(GraphExport::edge).toList());
    conflicts.put("observedNotDeclared", graph.conflicts().observedNotDeclared().stream().map(GraphExport::edge).toList());
    m.put("conflicts", conflicts);
    return m;
  }

  /**
   * Graphviz DOT: one node per graph node labelled with its kind, edges labelled with theirs;
   * observed-only edges dashed, stale nodes and edges grey.
   */
  public static String dot(GraphSnapshot graph) {
    StringBuilder out = new StringBuilder("digraph vigil {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
    for (Node n : graph.allNodes()) {
      List<String> attrs = new ArrayList<>();
      attrs.add("label=" + quote(n.id().name() + "\n" + n.id().kind().wire()));
      if (n.stale()) {
        attrs.add("color=grey");
        attrs.add("fontcolor=grey");
      }
      out.append("  ").append(quote(n.id().toString())).append(" [").append(String.join(", ", attrs)).append("];\n");
    }
    for (Edge e : graph.allEdges()) {
      List<String> attrs = new ArrayList<>();
      attrs.add("label=" + quote(e.kind().wire()));
      if (e.observed() && !e.declared()) {
        attrs.add("style=dashed");
      }
      if (e.stale()) {
        attrs.add("color=grey");
      }
      out.append("  ").append(quote(e.from().toString())).append(" -> ").append(quote(e.to().toString()))
          .append(" [").append(String.join(", ", attrs)).append("];\n");
    }
    return out.append("}\n").toString();
  }

  /** A DOT string literal: quotes and backslashes escaped, new lines as DOT's centred line break. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
