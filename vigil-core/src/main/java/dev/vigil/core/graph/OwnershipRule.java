package dev.vigil.core.graph;

import java.util.List;

/**
 * One line of a CODEOWNERS-like file: a gitignore-style pattern and its owners, in file order
 * ({@code order}); for a path the last matching rule of a file wins, and a rule with no owners
 * means "nobody owns this".
 *
 * @param owners team or person node ids, e.g. {@code team:acme/sre} or {@code person:alice}
 */
public record OwnershipRule(String pattern, List<NodeId> owners, int order, Provenance provenance) {
  public OwnershipRule {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("ownership pattern must not be empty");
    }
    owners = owners == null ? List.of() : List.copyOf(owners);
    if (provenance == null) {
      throw new IllegalArgumentException("ownership rule '" + pattern + "' needs a provenance");
    }
  }
}
