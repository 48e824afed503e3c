package dev.vigil.integrations.backstage;

import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import java.util.Locale;
import java.util.Map;

/**
 * A Backstage entity reference, {@code [kind:][namespace/]name}, with the kind defaulted by where it
 * is written (an owner is a group unless it says {@code user:}) and the namespace defaulted to
 * {@code default}. Backstage compares references case-insensitively, so node names are lower case;
 * the default namespace is left out of them ({@code service:checkout}, {@code service:ops/checkout}).
 */
record EntityRef(String kind, String namespace, String name) {
  static final String DEFAULT_NAMESPACE = "default";
  private static final Map<String, NodeKind> KINDS = Map.of(
      "component", NodeKind.SERVICE,
      "api", NodeKind.API,
      "resource", NodeKind.RESOURCE,
      "system", NodeKind.SYSTEM,
      "domain", NodeKind.SYSTEM,
      "group", NodeKind.TEAM,
      "user", NodeKind.PERSON);

  static EntityRef parse(String text, String defaultKind, String defaultNamespace) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("entity reference must not be empty");
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    String kind = defaultKind;
    int colon = t.indexOf(':');
    if (colon >= 0) {
      kind = t.substring(0, colon);
      t = t.substring(colon + 1);
    }
    String namespace = defaultNamespace;
    int slash = t.indexOf('/');
    if (slash >= 0) {
      namespace = t.substring(0, slash);
      t = t.substring(slash + 1);
    }
    if (kind == null) {
      throw new IllegalArgumentException("entity reference '" + text + "' needs a kind here, e.g. component:" + t);
    }
    if (t.isEmpty() || namespace.isEmpty() || t.contains("/") || t.contains(":")) {
      throw new IllegalArgumentException("entity reference '" + text + "' is not [kind:][namespace/]name");
    }
    if (!KINDS.containsKey(kind)) {
      throw new IllegalArgumentException("entity reference '" + text + "': kind '" + kind
          + "' is not one the graph reads (component, api, resource, system, domain, group, user)");
    }
    return new EntityRef(kind, namespace, t);
  }

  static boolean knownKind(String kind) {
    return KINDS.containsKey(kind.toLowerCase(Locale.ROOT));
  }

  NodeId nodeId() {
    return NodeId.of(KINDS.get(kind), namespace.equals(DEFAULT_NAMESPACE) ? name : namespace + "/" + name);
  }
}
