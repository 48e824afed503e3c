package dev.vigil.integrations.github;

import dev.vigil.core.integration.IntegrationFailure;
import java.time.Duration;
import java.util.Optional;

/** A GitHub REST call that failed, saying whether and when trying again can help. */
public final class GitHubApiException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, from the caller's point of view. */
  public enum Kind {
    /** 400, 422 or a malformed answer: the request must change. */
    INVALID,
    /** 401, or 403 other than a rate limit: the token is missing, wrong or lacks a permission. */
    FORBIDDEN,
    /** 404: the repository, commit or file does not exist, or the token cannot see it. */
    NOT_FOUND,
    /** 403/429 with the rate limit spent or a {@code retry-after}: retry after {@link #retryAfter()}. */
    RATE_LIMITED,
    /** Unreachable, past the timeout, or 5xx. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final int status;
  private final transient Optional<Duration> retryAfter;

  public GitHubApiException(Kind kind, int status, String message, Optional<Duration> retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status; 0 when no answer came. */
  public int status() {
    return status;
  }

  public boolean retryable() {
    return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE;
  }

  /** How long GitHub asked to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** This failure as the ports report it, keeping it as the cause. */
  public IntegrationFailure toFailure() {
    IntegrationFailure.Kind failure = switch (kind) {
      case INVALID -> IntegrationFailure.Kind.INVALID;
      case FORBIDDEN -> IntegrationFailure.Kind.DENIED;
      case NOT_FOUND -> IntegrationFailure.Kind.NOT_FOUND;
      case RATE_LIMITED, UNAVAILABLE -> IntegrationFailure.Kind.UNAVAILABLE;
    };
    return new IntegrationFailure(failure, getMessage(), retryAfter.map(Duration::toSeconds).orElse(0L), this);
  }
}
