package dev.vigil.core.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an edge says about its two ends, read "from KIND to". */
public enum EdgeKind {
  /** A service (or resource) needs another one to work: declared in a catalog or observed in traffic. */
  DEPENDS_ON("depends-on"),
  /** A service provides an API. */
  PROVIDES_API("provides-api"),
  /** A service consumes an API. */
  CONSUMES_API("consumes-api"),
  /** Anything owned by a team or a person. */
  OWNED_BY("owned-by"),
  /** A service in a system, a person in a team, a team in a parent team. */
  PART_OF("part-of"),
  /** A service built from a repository path. */
  DEPLOYED_FROM("deployed-from"),
  /** A service or alert rule documented by a runbook or a dashboard. */
  DOCUMENTED_BY("documented-by"),
  /** An alert rule watching a service. */
  ALERTS_ON("alerts-on"),
  /** A person on call for a service or a team. */
  ON_CALL_FOR("on-call-for");

  private final String wire;

  EdgeKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The kind for a wire name, case-insensitive; names the accepted ones when unknown. */
  public static EdgeKind fromWire(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (EdgeKind kind : values()) {
      if (kind.wire.equals(t)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown edge kind '" + text + "' (expected one of: "
        + Arrays.stream(values()).map(EdgeKind::wire).collect(Collectors.joining(", ")) + ")");
  }
}
