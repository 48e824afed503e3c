package dev.vigil.core.graph;

/**
 * Something a source could not read, reported instead of stopping the refresh: a malformed file,
 * an entity with a missing field, a reference that cannot be parsed.
 *
 * @param location where, e.g. {@code services/checkout/catalog-info.yaml:12}; may be empty
 */
public record SourceProblem(String source, String location, String message) {
  public SourceProblem {
    if (source == null || source.isBlank() || message == null || message.isBlank()) {
      throw new IllegalArgumentException("source problem needs a source and a message");
    }
    location = location == null ? "" : location;
  }

  @Override
  public String toString() {
    return source + (location.isEmpty() ? "" : " " + location) + ": " + message;
  }
}
