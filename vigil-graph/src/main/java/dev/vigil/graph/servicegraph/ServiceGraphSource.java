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
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Each client/server pair with requests in the window becomes an observed {@code depends-on} edge.
 * The pairs come from a counter of requests labelled with their client and server: the service-graph
 * metric of Tempo and the OpenTelemetry Collector ({@link RequestMetric#SERVICE_GRAPH}), or a service
 * mesh's request metric ({@code istio_requests_total} by {@code source_workload} and
 * {@code destination_workload}). The server is a {@code resource} when the metric marks the connection
 * as a database, a {@code queue} for a messaging system, otherwise a {@code service}. Confidence grows
 * with traffic ({@code requests / (requests + 10)}: a pair seen twice is a hint, a pair seen a thousand
 * times is a fact), and the detail names the series and the count, so a person can run the same query.
 */
public final class ServiceGraphSource implements GraphSource {
  public static final String METRIC = "traces_service_graph_request_total";
  /** What meshes write for a side outside the mesh (Istio's {@code source_workload="unknown"}): not a service. */
  static final String UNKNOWN = "unknown";

  private final String name;
  private final MetricSource metrics;
  private final RequestMetric requests;
  private final Duration window;

  /**
   * A counter of requests and the labels naming each request's client and server.
   *
   * @param connectionTypeLabel the label saying a server is a database ({@code database}) or a queue
   *     ({@code messaging_system}), as the service-graph metric does; empty when the metric has none
   */
  public record RequestMetric(String metric, String clientLabel, String serverLabel,
      Optional<String> connectionTypeLabel) {
    // Before SERVICE_GRAPH: static fields initialise in order, and its constructor checks against them.
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    public static final RequestMetric SERVICE_GRAPH =
        new RequestMetric(METRIC, "client", "server", Optional.of("connection_type"));

    public RequestMetric {
      if (metric == null || !METRIC_NAME.matcher(metric).matches()) {
        throw new IllegalArgumentException("'" + metric + "' is not a Prometheus metric name");
      }
      connectionTypeLabel = connectionTypeLabel == null ? Optional.empty() : connectionTypeLabel;
      for (String label : Stream.concat(Stream.of(clientLabel, serverLabel),
          connectionTypeLabel.stream()).toList()) {
        if (label == null || !LABEL_NAME.matcher(label).matches()) {
          throw new IllegalArgumentException("'" + label + "' is not a Prometheus label name (letters, digits and _,"
              + " not starting with a digit)");
        }
      }
      if (clientLabel.equals(serverLabel)) {
        throw new IllegalArgumentException("the client and server labels of " + metric + " must differ, both were '"
            + clientLabel + "'");
      }
    }

    /** A metric with a client and a server label and no connection type. */
    public static RequestMetric of(String metric, String clientLabel, String serverLabel) {
      return new RequestMetric(metric, clientLabel, serverLabel, Optional.empty());
    }
  }

  /** Service-graph metrics ({@link RequestMetric#SERVICE_GRAPH}). @param window how far back traffic counts */
  public ServiceGraphSource(String name, MetricSource metrics, Duration window) {
    this(name, metrics, RequestMetric.SERVICE_GRAPH, window);
  }

  /** @param window how far back traffic counts, e.g. one hour */
  public ServiceGraphSource(String name, MetricSource metrics, RequestMetric requests, Duration window) {
    if (name == null || name.isBlank() || metrics == null || requests == null) {
      throw new IllegalArgumentException("a service-graph source needs a name, a metric source and a request metric");
    }
    if (window == null || window.toSeconds() < 60) {
      throw new IllegalArgumentException("service-graph window must be at least 1m, was " + window);
    }
    this.name = name;
    this.metrics = metrics;
    this.requests = requests;
    this.window = window;
  }

  @Override
  public String name() {
    return name;
  }

  /** The query sent, for documentation and for people reproducing the edges. */
  public String query() {
    String by = String.join(", ", Stream.concat(
        Stream.of(requests.clientLabel(), requests.serverLabel()),
        requests.connectionTypeLabel().stream()).toList());
    return "sum by (" + by + ") (increase(" + requests.metric() + "[" + window.toSeconds() + "s]))";
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
      String client = series.labels().get(requests.clientLabel()).orElse("");
      String server = series.labels().get(requests.serverLabel()).orElse("");
      if (client.isBlank() || server.isBlank()) {
        problems.add(new SourceProblem(name, requests.metric(), "series " + series.labels() + " lacks a "
            + requests.clientLabel() + " or " + requests.serverLabel() + " label"));
        continue;
      }
      double count = series.last().value();
      if (!(count > 0) || client.equals(UNKNOWN) || server.equals(UNKNOWN)) {
        continue;
      }
      String type = requests.connectionTypeLabel().flatMap(series.labels()::get).orElse("");
      NodeId from = NodeId.service(client);
      NodeId to = switch (type) {
        case "database" -> NodeId.of(NodeKind.RESOURCE, server.toLowerCase(Locale.ROOT));
        case "messaging_system" -> NodeId.of(NodeKind.QUEUE, server.toLowerCase(Locale.ROOT));
        default -> NodeId.service(server);
      };
      Provenance provenance = Provenance.observed(name, now, count / (count + 10), String.format(Locale.ROOT,
          "%s{%s=\"%s\",%s=\"%s\"}: %.0f requests in %s", requests.metric(), requests.clientLabel(), client,
          requests.serverLabel(), server, count, window));
      nodes.putIfAbsent(from, Node.of(from, Map.of(), provenance));
      nodes.putIfAbsent(to, Node.of(to, Map.of(), provenance));
      edges.add(Edge.of(from, EdgeKind.DEPENDS_ON, to, provenance));
    }
    return new GraphContribution(name, now, List.copyOf(nodes.values()), edges, List.of(), List.of(), List.of(),
        problems);
  }
}
