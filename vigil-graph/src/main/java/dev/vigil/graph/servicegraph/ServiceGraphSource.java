package dev.vigil.graph.servicegraph;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Series;
import dev.vigil.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each client/server pair with requests in the window becomes an observed {@code depends-on} edge.
 * The server is a {@code resource} when the processor marks the connection as a database, a
 * {@code queue} for a messaging system, otherwise a {@code service}. Confidence grows with traffic
 * ({@code requests / (requests + 10)}: a pair seen twice is a hint, a pair seen a thousand times is a
 * fact), and the detail names the series and the count, so a person can run the same query.
 */
public final class ServiceGraphSource implements GraphSource {
  public static final String METRIC = "traces_service_graph_request_total";

  private final String name;
  private final MetricSource metrics;
  private final Duration window;

  /** @param window how far back traffic counts, e.g. one hour */
  public ServiceGraphSource(String name, MetricSource metrics, Duration window) {
    if (name == null || name.isBlank() || metrics == null) {
      throw new IllegalArgumentException("a service-graph source needs a name and a metric source");
    }
    if (window == null || window.toSeconds() < 60) {
      throw new IllegalArgumentException("service-graph window must be at least 1m, was " + window);
    }
    this.name = name;
    this.metrics = metrics;
    this.window = window;
  }

  @Override
  public String name() {
    return name;
  }

  /** The query sent, for documentation and for people reproducing the edges. */
  public String query() {
    return "sum by (client, server, connection_type) (increase(" + METRIC + "[" + window.toSeconds() + "s]))";
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    QueryResult result;
    try {
      result = metrics.query(query(), now);
    } catch (IntegrationFailure e) {
      throw new Unavailable("service-graph query on " + metrics.integration() + " failed: " + e.getMessage(), e);
    }
    if (!(result instanceof QueryResult.Vector vector)) {
      throw new Unavailable("service-graph query on " + metrics.integration() + " answered "
          + result.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ", not a vector");
    }
    Map<NodeId, Node> nodes = new LinkedHashMap<>();
    List<Edge> edges = new ArrayList<>();
    List<SourceProblem> problems = new ArrayList<>();
    for (Series series : vector.series()) {
      String client = series.labels().get("client").orElse("");
      String server = series.labels().get("server").orElse("");
      if (client.isBlank() || server.isBlank()) {
        problems.add(new SourceProblem(name, METRIC, "series " + series.labels() + " lacks a client or server label"));
        continue;
      }
      double requests = series.last().value();
      if (!(requests > 0)) {
        continue;
      }
      String type = series.labels().get("connection_type").orElse("");
      NodeId from = NodeId.service(client);
      NodeId to = switch (type) {
        case "database" -> NodeId.of(NodeKind.RESOURCE, server.toLowerCase(Locale.ROOT));
        case "messaging_system" -> NodeId.of(NodeKind.QUEUE, server.toLowerCase(Locale.ROOT));
        default -> NodeId.service(server);
      };
      Provenance provenance = Provenance.observed(name, now, requests / (requests + 10), String.format(Locale.ROOT,
          "%s{client=\"%s\",server=\"%s\"}: %.0f requests in %s", METRIC, client, server, requests, window));
      nodes.putIfAbsent(from, Node.of(from, Map.of(), provenance));
      nodes.putIfAbsent(to, Node.of(to, Map.of(), provenance));
      edges.add(Edge.of(from, EdgeKind.DEPENDS_ON, to, provenance));
    }
    return new GraphContribution(name, now, List.copyOf(nodes.values()), edges, List.of(), List.of(), List.of(),
        problems);
  }
}
