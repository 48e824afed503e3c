package dev.vigil.tasks.deploywatch;

import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.NodeId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the context graph knows of a deployed service, for the people who read the verdict: who owns it
 * (and is on call), where its runbook is, and which services call it directly. Empty parts when the graph
 * does not know the service: a watch never invents an owner.
 *
 * @param owners e.g. {@code team:payments-team}, nearest first, each once
 * @param runbook the runbook's address, when the catalog names one
 * @param dependents services that call this one directly
 */
record DeployContext(List<String> owners, Optional<String> runbook, List<String> dependents) {
  DeployContext {
    owners = List.copyOf(owners);
    Objects.requireNonNull(runbook, "runbook");
    dependents = List.copyOf(dependents);
  }

  static DeployContext of(ContextGraph graph, String service) {
    NodeId id = NodeId.service(service);
    LinkedHashSet<String> owners = new LinkedHashSet<>();
    graph.owners(id).forEach(o -> owners.add(o.who().toString()));
    Optional<String> runbook = graph.runbookOf(id).map(graph::runbookUrl);
    List<String> dependents = new ArrayList<>();
    graph.neighbours(id, ContextGraph.Direction.DEPENDENTS, 1).forEach(r -> dependents.add(r.node().name()));
    return new DeployContext(new ArrayList<>(owners), runbook, dependents);
  }

  /** As stored in the step's output (plain values), and back. */
  Map<String, Object> toOutput() {
    return Map.of("owners", owners, "runbook", runbook.orElse(""), "dependents", dependents);
  }

  @SuppressWarnings("unchecked")
  static DeployContext fromOutput(Map<String, Object> read) {
    return new DeployContext((List<String>) read.getOrDefault("owners", List.of()),
        Optional.ofNullable((String) read.get("runbook")).filter(s -> !s.isEmpty()),
        (List<String>) read.getOrDefault("dependents", List.of()));
  }

  /** One sentence for the plan post; empty when the graph knows nothing. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (!owners.isEmpty()) {
      parts.add("owned by " + String.join(", ", owners));
    }
    runbook.ifPresent(r -> parts.add("runbook " + r));
    return parts.isEmpty() ? "" : " The context graph: " + String.join("; ", parts) + ".";
  }
}
