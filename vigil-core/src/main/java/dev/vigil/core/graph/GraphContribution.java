package dev.vigil.core.graph;

import java.time.Instant;
import java.util.List;

/**
 * Everything one source said in one read. The merged graph keeps each source's last good
 * contribution, so a source that fails keeps what it said before.
 */
public record GraphContribution(String source, Instant readAt, List<Node> nodes, List<Edge> edges,
    List<Deploy> deploys, List<AlertHistory> alerts, List<OwnershipRule> ownership, List<SourceProblem> problems) {
  public GraphContribution {
    if (source == null || source.isBlank() || readAt == null) {
      throw new IllegalArgumentException("graph contribution needs a source and a read time");
    }
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    edges = edges == null ? List.of() : List.copyOf(edges);
    deploys = deploys == null ? List.of() : List.copyOf(deploys);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    ownership = ownership == null ? List.of() : List.copyOf(ownership);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  public static GraphContribution empty(String source, Instant at) {
    return new GraphContribution(source, at, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
