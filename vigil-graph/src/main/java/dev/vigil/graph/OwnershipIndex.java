package dev.vigil.graph;

import dev.vigil.core.graph.ContextGraph.Owner;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.OwnershipRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CODEOWNERS rules of every source, indexed so that a path is not tried against every line: most
 * lines of a large CODEOWNERS file are anchored literal paths ({@code /services/payments/}), which are
 * looked up by the path's own prefixes; only the others (wildcards, unanchored names) are tried one by
 * one, newest first, and only until a later literal match makes the rest irrelevant. Immutable.
 */
final class OwnershipIndex {
  static final OwnershipIndex EMPTY = of(List.of());
  private final Map<String, SourceRules> bySource;

  private OwnershipIndex(Map<String, SourceRules> bySource) {
    this.bySource = bySource;
  }

  static OwnershipIndex of(List<OwnershipRule> rules) {
    Map<String, SourceRules> bySource = new LinkedHashMap<>();
    for (OwnershipRule rule : rules) {
      bySource.computeIfAbsent(rule.provenance().source(), s -> new SourceRules()).add(rule);
    }
    bySource.values().forEach(SourceRules::seal);
    return new OwnershipIndex(bySource);
  }

  boolean isEmpty() {
    return bySource.isEmpty();
  }

  /** Per source, the owners of the last matching rule; sources in the order they were configured. */
  List<Owner> owners(String path) {
    List<Owner> owners = new ArrayList<>();
    for (SourceRules rules : bySource.values()) {
      Compiled match = rules.lastMatch(path);
      if (match != null) {
        for (NodeId who : match.rule().owners()) {
          owners.add(new Owner(who, "codeowner", match.rule().provenance()));
        }
      }
    }
    return owners;
  }

  private record Compiled(OwnershipRule rule, PathPattern pattern) {}

  private static final class SourceRules {
    private final Map<String, List<Compiled>> literal = new HashMap<>();
    private final List<Compiled> others = new ArrayList<>();

    void add(OwnershipRule rule) {
      Compiled compiled = new Compiled(rule, PathPattern.compile(rule.pattern()));
      String key = anchoredLiteral(rule.pattern());
      if (key == null) {
        others.add(compiled);
      } else {
        literal.computeIfAbsent(key, k -> new ArrayList<>()).add(compiled);
      }
    }

    void seal() {
      others.sort(Comparator.comparingInt((Compiled c) -> c.rule().order()).reversed());
    }

    Compiled lastMatch(String path) {
      Compiled best = null;
      String p = path.startsWith("/") ? path.substring(1) : path;
      for (int end = p.length(); end > 0; end = p.lastIndexOf('/', end - 1)) {
        List<Compiled> candidates = literal.get(p.substring(0, end));
        if (candidates != null) {
          for (Compiled c : candidates) {
            if ((best == null || c.rule().order() > best.rule().order()) && c.pattern().matches(p)) {
              best = c;
            }
          }
        }
      }
      for (Compiled c : others) {
        if (best != null && c.rule().order() < best.rule().order()) {
          break;
        }
        if (c.pattern().matches(p)) {
          return c;
        }
      }
      return best;
    }

    /** The path an anchored pattern without wildcards names (no slashes at either end), else null. */
    private static String anchoredLiteral(String pattern) {
      String p = pattern.strip();
      if (p.contains("*") || p.contains("?") || p.contains("\\")) {
        return null;
      }
      String body = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
      if (!(body.startsWith("/") || body.contains("/"))) {
        return null;
      }
      body = body.startsWith("/") ? body.substring(1) : body;
      return body.isEmpty() ? null : body;
    }
  }
}
