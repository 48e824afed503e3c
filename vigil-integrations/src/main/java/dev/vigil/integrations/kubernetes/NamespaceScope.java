package dev.vigil.integrations.kubernetes;

import dev.vigil.core.agent.Grant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The namespaces an agent may read through one integration: the union of the scopes of its
 * {@code k8s:read} grants on it, cut down to the integration's own namespace ceiling.
 *
 * @param any whether every namespace is allowed (a grant without scope and no ceiling)
 * @param namespaces the allowed namespaces when not {@code any}; may be empty (nothing allowed)
 */
public record NamespaceScope(boolean any, Set<String> namespaces) {
  public static final String K8S_READ = "k8s:read";
  // A namespace is a DNS-1123 label; anything else cannot name one and must not reach a URL path.
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public NamespaceScope {
    namespaces = namespaces == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(namespaces));
    if (any && !namespaces.isEmpty()) {
      throw new IllegalArgumentException("a scope of any namespace lists none");
    }
  }

  /** The scope of {@code grants} on {@code integration}; empty when none of them is a {@code k8s:read} on it. */
  public static Optional<NamespaceScope> forIntegration(List<Grant> grants, String integration) {
    List<Grant> reads = grants.stream()
        .filter(g -> g.integration().equals(integration) && g.permission().equals(K8S_READ)).toList();
    if (reads.isEmpty()) {
      return Optional.empty();
    }
    if (reads.stream().anyMatch(g -> g.scope().isEmpty())) {
      return Optional.of(new NamespaceScope(true, Set.of()));
    }
    Set<String> union = new TreeSet<>();
    reads.forEach(g -> union.addAll(g.scope()));
    return Optional.of(new NamespaceScope(false, union));
  }

  /** This scope cut down to {@code ceiling} (no ceiling when it is empty). */
  public NamespaceScope within(List<String> ceiling) {
    if (ceiling.isEmpty()) {
      return this;
    }
    Set<String> kept = new TreeSet<>(ceiling);
    if (!any) {
      kept.retainAll(namespaces);
    }
    return new NamespaceScope(false, kept);
  }

  public boolean permits(String namespace) {
    return any || namespaces.contains(namespace);
  }

  /** Rejects what cannot be a namespace name, naming the rule. */
  static String requireNamespace(String namespace) {
    if (namespace == null || !LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException("'" + namespace + "' is not a namespace name (lowercase letters, digits"
          + " and dashes, at most 63, starting and ending with a letter or digit)");
    }
    return namespace;
  }

  @Override
  public String toString() {
    return any ? "any namespace" : namespaces.toString();
  }
}
