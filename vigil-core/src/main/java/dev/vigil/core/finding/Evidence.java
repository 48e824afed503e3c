package dev.vigil.core.finding;

import dev.vigil.core.Validation;
import java.time.Instant;
import java.util.Optional;

/**
 * One piece of evidence behind a finding: what was asked, over which time range, what was seen
 * against what was expected, and where to look it up.
 *
 * @param query the query or probe, as run (e.g. PromQL, {@code GET https://...})
 * @param from start of the observed range
 * @param to end of the observed range
 * @param observed the value seen, with its unit (e.g. {@code 503}, {@code 2.4 s})
 * @param expected the baseline or threshold it was compared with
 * @param sourceUrl a link back to the source, may be empty
 */
public record Evidence(
    String query, Instant from, Instant to, String observed, String expected, Optional<String> sourceUrl) {
  public Evidence {
    Validation.requireText(query, "evidence.query");
    Validation.requireNonNull(from, "evidence.from");
    Validation.requireNonNull(to, "evidence.to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("evidence.to " + to + " is before evidence.from " + from);
    }
    observed = Validation.orEmpty(observed);
    expected = Validation.orEmpty(expected);
    sourceUrl = sourceUrl == null ? Optional.empty() : sourceUrl;
  }
}
