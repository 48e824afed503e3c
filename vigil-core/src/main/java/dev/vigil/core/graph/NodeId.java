package dev.vigil.core.graph;

import java.util.Locale;

/**
 * A node's identity: its kind and a name unique within the kind. Names are compared as written
 * except that catalog sources lower-case them, as Backstage matches entity names case-insensitively.
 * Printed as {@code kind:name}, e.g. {@code service:checkout}.
 */
public record NodeId(NodeKind kind, String name) implements Comparable<NodeId> {
  public NodeId {
    if (kind == null) {
      throw new IllegalArgumentException("node kind is required");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(kind.wire() + " name must not be empty");
    }
    name = name.strip();
  }

  public static NodeId of(NodeKind kind, String name) {
    return new NodeId(kind, name);
  }

  public static NodeId service(String name) {
    return new NodeId(NodeKind.SERVICE, name.toLowerCase(Locale.ROOT));
  }

  /** Parses {@code kind:name}; the name may itself contain colons (URLs, repository paths). */
  public static NodeId parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("node id must not be empty");
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("node id '" + text + "' must be written kind:name, e.g. service:checkout");
    }
    return new NodeId(NodeKind.fromWire(text.substring(0, colon)), text.substring(colon + 1));
  }

  @Override
  public int compareTo(NodeId other) {
    int byKind = kind.compareTo(other.kind);
    return byKind != 0 ? byKind : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return kind.wire() + ":" + name;
  }
}
