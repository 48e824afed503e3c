package dev.vigil.core.graph;

import java.time.Instant;

/**
 * A plugin that tells the graph what it knows: a catalog folder, a CODEOWNERS file, service-graph
 * metrics, a cluster. Each read returns the source's whole current view (not a delta); problems with
 * single entries go into {@link GraphContribution#problems()}, and only a source that cannot be read
 * at all throws. Implementations are called from one refresh thread at a time.
 */
public interface GraphSource {
  /** The configured name, used in provenance and problems. */
  String name();

  /**
   * Reads the source.
   *
   * @param now the refresh time, recorded as each fact's {@link Provenance#observedAt()}
   * @throws Unavailable when nothing could be read; the graph then keeps this source's last contribution
   */
  GraphContribution read(Instant now) throws Unavailable;

  /**
   * Whether a fact this source stops reporting is kept with its last sighting (and turns stale), as
   * a catalog entry removed by mistake must be. A source whose facts are withdrawn on purpose (what
   * people told and then deleted) returns false: its facts go with it.
   */
  default boolean keepsWhatItStopsReporting() {
    return true;
  }

  /** The source could not be read at all (folder missing, clone failed, server down). */
  final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    public Unavailable(String message) {
      super(message);
    }
  }
}
