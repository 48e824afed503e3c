package dev.vigil.graph.targets;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Series;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which services exist where, from the targets Prometheus scrapes: every value of the configured label
 * (default {@code service}) on an {@code up} series of the last {@value #LOOKBACK_MINUTES} minutes
 * becomes an observed {@code service} node, with the jobs that scrape it and how many of its instances
 * are up now. An instance seen in the lookback but not up now (its scrape fails, {@code up} is 0, or it
 * is no longer scraped) counts as down, so a service whose every instance just died is still listed,
 * with none up. Series without the label (Prometheus itself, node exporters) are not services and are
 * skipped.
 */
public final class TargetSource implements GraphSource {
  static final int LOOKBACK_MINUTES = 10;
  /** Prometheus' label names: letters, digits and underscores, not starting with a digit. */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final String name;
  private final MetricSource metrics;
  private final String label;

  /** @param label the label of the scraped targets that names their service, e.g. {@code service} or {@code app} */
  public TargetSource(String name, MetricSource metrics, String label) {
    if (name == null || name.isBlank() || metrics == null) {
      throw new IllegalArgumentException("a targets source needs a name and a metric source");
    }
    if (label == null || !LABEL_NAME.matcher(label).matches()) {
      throw new IllegalArgumentException("targets source '" + name + "': '" + label
          + "' is not a Prometheus label name (letters, digits and _, not starting with a digit)");
    }
    this.name = name;
    this.metrics = metrics;
    this.label = label;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    List<Labels> seen;
    QueryResult current;
    try {
      seen = metrics.series(List.of("up"), TimeRange.ending(now, Duration.ofMinutes(LOOKBACK_MINUTES)));
      current = metrics.query("up", now);
    } catch (IntegrationFailure e) {
      throw new Unavailable("up series of " + metrics.integration() + " cannot be read: " + e.getMessage(), e);
    }
    if (!(current instanceof QueryResult.Vector vector)) {
      throw new Unavailable("query 'up' on " + metrics.integration() + " did not answer a vector");
    }
    Map<Map<String, String>, Double> upNow = new HashMap<>();
    for (Series series : vector.series()) {
      upNow.put(target(series.labels()), series.last().value());
    }
    // Keyed by node: label values that differ only in case are one service, as everywhere in the graph.
    Map<NodeId, Instances> byService = new LinkedHashMap<>();
    Set<String> labelsSeen = new TreeSet<>();
    for (Labels target : seen) {
      labelsSeen.addAll(target(target).keySet());
      String service = target.get(label).orElse("").strip();
      if (service.isEmpty()) {
        continue;
      }
      Instances instances = byService.computeIfAbsent(NodeId.service(service), k -> new Instances(service));
      instances.jobs.add(target.get("job").orElse("?"));
      if (upNow.getOrDefault(target(target), 0.0) == 1.0) {
        instances.up++;
      } else {
        instances.down++;
      }
    }
    List<SourceProblem> problems = new ArrayList<>();
    if (byService.isEmpty() && !seen.isEmpty()) {
      problems.add(new SourceProblem(name, "up", "no up series of the last " + LOOKBACK_MINUTES + " minutes carries"
          + " the label '" + label + "' (labels seen: " + String.join(", ", labelsSeen) + ")"));
    }
    List<Node> nodes = new ArrayList<>();
    byService.forEach((id, instances) -> {
      String jobs = String.join(",", instances.jobs);
      Provenance provenance = Provenance.observed(name, now, 1.0, "up{" + label + "=\"" + instances.value
          + "\"} of job " + jobs + " in " + metrics.integration() + ": " + instances.up + " of "
          + (instances.up + instances.down) + " instances up");
      nodes.add(Node.of(id, Map.of("jobs", jobs, "instancesUp", Integer.toString(instances.up),
          "instancesDown", Integer.toString(instances.down)), provenance));
    });
    return new GraphContribution(name, now, nodes, List.of(), List.of(), List.of(), List.of(),
        problems);
  }

  /** A target's identity: the labels of its up series, without the metric name. */
  private static Map<String, String> target(Labels labels) {
    Map<String, String> target = new TreeMap<>(labels.values());
    target.remove(Labels.METRIC_NAME);
    return target;
  }

  private static final class Instances {
    /** The label value as first seen, so that the detail is a selector a person can run. */
    final String value;
    final Set<String> jobs = new TreeSet<>();
    int up;
    int down;

    Instances(String value) {
      this.value = value;
    }
  }
}
