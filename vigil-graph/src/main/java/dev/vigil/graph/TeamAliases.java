package dev.vigil.graph;

import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One team, two names: CODEOWNERS and GitHub write a team {@code @acme/payments-team} (node
 * {@code team:acme/payments-team}), a catalog's owner shorthand writes {@code group:payments-team}
 * (node {@code team:payments-team}). When both exist, the organisation-qualified name is an alias of
 * the short one: the short name is canonical because the catalog describes the team (parent, members,
 * on-call) and the GitHub name only says who reviews. Only names a source marked as GitHub team names
 * ({@link #GITHUB_TEAM}) are aliased, so a Backstage namespace that happens to look like an
 * organisation ({@code team:ops/sre}) stays its own team.
 */
final class TeamAliases {
  /** The node attribute listing every name of a merged team, canonical first. */
  static final String ATTRIBUTE = "aliases";
  /** Set by sources that name GitHub teams ({@code org/slug}): the slug, which the catalog would use. */
  static final String GITHUB_TEAM = "github.team";

  private TeamAliases() {
  }

  /** Alias to canonical id, for every GitHub team name whose short name is also a team of the graph. */
  static Map<NodeId, NodeId> find(Collection<NodeId> ids, Function<NodeId, Map<String, String>> attributes) {
    Map<NodeId, NodeId> aliases = new HashMap<>();
    for (NodeId id : ids) {
      if (id.kind() != NodeKind.TEAM) {
        continue;
      }
      String slug = attributes.apply(id).get(GITHUB_TEAM);
      if (slug == null || slug.isBlank()) {
        continue;
      }
      NodeId shortName = NodeId.of(NodeKind.TEAM, slug);
      if (!shortName.equals(id) && ids.contains(shortName)) {
        aliases.put(id, shortName);
      }
    }
    return Map.copyOf(aliases);
  }

  /** Every name of {@code canonical}: its own first, then its aliases in order, comma-separated. */
  static String names(NodeId canonical, Map<NodeId, NodeId> aliases) {
    List<String> names = new ArrayList<>();
    names.add(canonical.name());
    aliases.entrySet().stream().filter(e -> e.getValue().equals(canonical)).map(e -> e.getKey().name()).sorted()
        .forEach(names::add);
    return String.join(",", names);
  }

  static NodeId canonical(NodeId id, Map<NodeId, NodeId> aliases) {
    return aliases.getOrDefault(id, id);
  }

  static Edge.Key canonical(Edge.Key key, Map<NodeId, NodeId> aliases) {
    if (aliases.isEmpty()) {
      return key;
    }
    return new Edge.Key(canonical(key.from(), aliases), key.kind(), canonical(key.to(), aliases));
  }
}
