package dev.vigil.integrations.promql;

/**
 * A query that asks, in so many words, for series outside the caller's label scope, e.g.
 * {@code up{namespace="other"}} under {@code namespace="payments"}. Refused rather than answered
 * with nothing, so that the attempt is visible in the audit log and an agent does not mistake
 * "denied" for "no data".
 */
public final class ScopeViolationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ScopeViolationException(String message) {
    super(message);
  }
}
