package dev.vigil.core.integration;

/**
 * Why a call through an integration port (metrics, cluster, changes, alerts, paging, repository
 * writes) failed, and whether trying again can help. One type for every port, so that the engine
 * audits, denies and retries them the same way and a step handles them with one {@code catch}.
 */
public final class IntegrationFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure; only {@link #UNAVAILABLE} is worth retrying. */
  public enum Kind {
    /** The request or its parameters are malformed, or the remote rejected them (HTTP 4xx). */
    INVALID,
    /**
     * Outside the caller's grants or scope (refused before anything was sent), or refused by the
     * remote's own authorization (401, 403); the message says which.
     */
    DENIED,
    /** The named thing (repository, commit, object, silence) does not exist, or the credentials cannot see it. */
    NOT_FOUND,
    /** The answer is larger than the configured limit (bytes or items). */
    TOO_LARGE,
    /**
     * The remote is down, slow past the timeout, answered 5xx, or is rate limiting (after the
     * client's own retries); see {@link #retryAfterSeconds()}.
     */
    UNAVAILABLE
  }

  private final Kind kind;
  private final long retryAfterSeconds;

  /**
   * @param retryAfterSeconds what the remote asked to wait before trying again; 0 when it did not
   *     say (negative values count as 0)
   */
  public IntegrationFailure(Kind kind, String message, long retryAfterSeconds, Throwable cause) {
    super(message, cause);
    if (kind == null) {
      throw new IllegalArgumentException("failure kind is required");
    }
    this.kind = kind;
    this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
  }

  public IntegrationFailure(Kind kind, String message, Throwable cause) {
    this(kind, message, 0, cause);
  }

  public IntegrationFailure(Kind kind, String message) {
    this(kind, message, 0, null);
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind == Kind.UNAVAILABLE;
  }

  /** Seconds the remote asked to wait before trying again; 0 when it did not say. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
