package dev.vigil.graph;

import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.NodeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys per service sorted by time, so a time range is two binary searches. Immutable. Built once
 * per change of the deploy history, not per refresh: sorting a million deploys costs more than the
 * rest of a refresh, and most refreshes (a catalog file changed) leave the history as it was.
 */
final class DeployIndex {
  static final DeployIndex EMPTY = new DeployIndex(Map.of(), 0);
  private final Map<NodeId, Deploy[]> byService;
  private final int size;

  private DeployIndex(Map<NodeId, Deploy[]> byService, int size) {
    this.byService = byService;
    this.size = size;
  }

  static DeployIndex of(Collection<Deploy> deploys) {
    Map<NodeId, List<Deploy>> grouped = new HashMap<>();
    for (Deploy deploy : deploys) {
      grouped.computeIfAbsent(deploy.service(), k -> new ArrayList<>()).add(deploy);
    }
    Map<NodeId, Deploy[]> sorted = new HashMap<>(grouped.size() * 2);
    grouped.forEach((service, list) -> {
      Deploy[] array = list.toArray(Deploy[]::new);
      Arrays.sort(array, Comparator.comparing(Deploy::at));
      sorted.put(service, array);
    });
    return new DeployIndex(sorted, deploys.size());
  }

  int size() {
    return size;
  }

  /** Adds the deploys of {@code service} within {@code [from, to]} to {@code into}, oldest first. */
  void collect(NodeId service, Instant from, Instant to, List<Deploy> into) {
    Deploy[] deploys = byService.get(service);
    if (deploys == null) {
      return;
    }
    for (int i = firstAtOrAfter(deploys, from); i < deploys.length && !deploys[i].at().isAfter(to); i++) {
      into.add(deploys[i]);
    }
  }

  private static int firstAtOrAfter(Deploy[] deploys, Instant from) {
    int low = 0;
    int high = deploys.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (deploys[mid].at().isBefore(from)) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
