package dev.vigil.core.graph;

import java.time.Instant;

/**
 * One deploy of a service: kept as history beside the nodes, not as a node each, because there are
 * orders of magnitude more of them and they are only ever read by service and time range.
 *
 * @param environment e.g. {@code production}; may be empty when the source does not say
 * @param version a commit, tag or image; may be empty
 */
public record Deploy(NodeId service, Instant at, String environment, String version, Provenance provenance) {
  public Deploy {
    if (service == null || at == null || provenance == null) {
      throw new IllegalArgumentException("deploy needs a service, a time and a provenance");
    }
    environment = environment == null ? "" : environment;
    version = version == null ? "" : version;
  }
}
