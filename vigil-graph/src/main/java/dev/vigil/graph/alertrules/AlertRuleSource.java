package dev.vigil.graph.alertrules;

import dev.vigil.core.alert.AlertRule;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.port.AlertRuleReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every alerting rule becomes a declared {@code alert} node (the id the alert history sources use, so
 * the rule and its firings are one node), with an {@code alerts-on} edge to the service its
 * {@code service} label names and a {@code documented-by} edge to the runbook its {@code runbook_url}
 * annotation names: the runbook of an alert is known before it ever fires. One alert name may be
 * declared by several rules (kube-prometheus writes a warning and a critical rule of one name): they
 * are one node whose provenance names every group and file, with the edges of each.
 */
public final class AlertRuleSource implements GraphSource {
  private final String name;
  private final AlertRuleReader rules;

  public AlertRuleSource(String name, AlertRuleReader rules) {
    if (name == null || name.isBlank() || rules == null) {
      throw new IllegalArgumentException("an alert rule source needs a name and an alert rule reader");
    }
    this.name = name;
    this.rules = rules;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    List<AlertRule> read;
    try {
      read = rules.alertRules();
    } catch (IntegrationFailure e) {
      throw new Unavailable("alert rules of " + rules.integration() + " cannot be read: " + e.getMessage(), e);
    }
    Map<String, List<AlertRule>> byName = new LinkedHashMap<>();
    for (AlertRule rule : read) {
      byName.computeIfAbsent(rule.name().strip(), k -> new ArrayList<>()).add(rule);
    }
    List<Node> nodes = new ArrayList<>();
    Map<Edge.Key, Edge> edges = new LinkedHashMap<>();
    List<SourceProblem> problems = new ArrayList<>();
    byName.forEach((alert, declarations) -> {
      NodeId rule = NodeId.of(NodeKind.ALERT_RULE, alert);
      Provenance provenance = Provenance.declared(name, now, "alerting rule " + alert + " in "
          + declarations.stream().map(AlertRuleSource::where).distinct().collect(Collectors.joining("; "))
          + " of " + rules.integration());
      nodes.add(Node.of(rule, attributes(declarations), provenance));
      for (AlertRule declaration : declarations) {
        String service = declaration.labels().getOrDefault("service", "").strip();
        if (!service.isEmpty()) {
          // Only the edge: a label on a rule does not declare that a service exists (the catalog or the
          // cluster does), and the edge alone makes the service known to the graph.
          NodeId target = NodeId.service(service);
          edges.putIfAbsent(new Edge.Key(rule, EdgeKind.ALERTS_ON, target),
              Edge.of(rule, EdgeKind.ALERTS_ON, target, provenance));
        }
        declaration.runbookUrl().ifPresent(url -> {
          // A templated URL ({{ $labels.x }}) only means something once an alert fills it in.
          if (url.contains("{{")) {
            problems.add(new SourceProblem(name, where(declaration), "runbook_url of " + alert
                + " is a template (" + url + "); it cannot be linked before an alert expands it"));
            return;
          }
          NodeId runbook = NodeId.of(NodeKind.RUNBOOK, url);
          nodes.add(Node.of(runbook, Map.of("url", url), provenance));
          edges.putIfAbsent(new Edge.Key(rule, EdgeKind.DOCUMENTED_BY, runbook),
              Edge.of(rule, EdgeKind.DOCUMENTED_BY, runbook, provenance));
        });
      }
    });
    Map<NodeId, Node> unique = new LinkedHashMap<>();
    nodes.forEach(n -> unique.putIfAbsent(n.id(), n));
    return new GraphContribution(name, now, List.copyOf(unique.values()), List.copyOf(edges.values()), List.of(),
        List.of(), List.of(), problems);
  }

  private static String where(AlertRule rule) {
    String group = rule.group().isEmpty() ? "an unnamed group" : "group " + rule.group();
    return rule.file().isEmpty() ? group : group + " (" + rule.file() + ")";
  }

  /** Severity and summary as written; several rules of one name list their distinct severities. */
  private static Map<String, String> attributes(List<AlertRule> declarations) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Set<String> severities = new LinkedHashSet<>();
    for (AlertRule rule : declarations) {
      String severity = rule.labels().getOrDefault("severity", "").strip();
      if (!severity.isEmpty()) {
        severities.add(severity);
      }
      String summary = rule.annotations().getOrDefault("summary", "").strip();
      if (!summary.isEmpty()) {
        attributes.putIfAbsent("summary", summary);
      }
    }
    if (!severities.isEmpty()) {
      attributes.put("severity", String.join(",", severities));
    }
    return attributes;
  }
}
