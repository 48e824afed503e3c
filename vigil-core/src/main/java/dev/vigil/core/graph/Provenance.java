package dev.vigil.core.graph;

import java.time.Instant;

/**
 * Where one fact of the graph came from: which source said it, whether it was declared by people
 * (a catalog file) or observed in the running system (traffic, a cluster), when the source last saw
 * it, how sure the source is, and a detail a person can follow (a {@code file:line}, a metric series).
 *
 * @param source the name of the configured source, e.g. {@code catalog-shop}
 * @param evidence declared or observed
 * @param observedAt when the source last read the fact (the refresh time, not the file's age)
 * @param confidence 0 to 1; declarations are 1, observations scale with the traffic seen
 * @param detail where to look, e.g. {@code services/checkout/catalog-info.yaml:12}; may be empty
 */
public record Provenance(String source, Evidence evidence, Instant observedAt, double confidence, String detail) {
  /** How a source knows a fact. */
  public enum Evidence {
    DECLARED,
    OBSERVED
  }

  public Provenance {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("provenance source must not be empty");
    }
    if (evidence == null || observedAt == null) {
      throw new IllegalArgumentException("provenance of source '" + source + "' needs evidence and a time");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence of source '" + source + "' must be within 0..1, was " + confidence);
    }
    detail = detail == null ? "" : detail;
  }

  public static Provenance declared(String source, Instant at, String detail) {
    return new Provenance(source, Evidence.DECLARED, at, 1.0, detail);
  }

  public static Provenance observed(String source, Instant at, double confidence, String detail) {
    return new Provenance(source, Evidence.OBSERVED, at, confidence, detail);
  }
}
