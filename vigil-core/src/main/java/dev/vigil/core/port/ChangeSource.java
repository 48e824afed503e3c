package dev.vigil.core.port;

import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;

/**
 * Reads what changed in a repository between two commits: a local clone (Git) or a hosting
 * service's API (GitHub). Implementations may be slow (a first clone) but never wait past their
 * configured timeout. Thread-safe.
 */
public interface ChangeSource {
  /** The integration name grants refer to, e.g. {@code github-main}. */
  String integration();

  /**
   * The changeset from {@code base} (excluded) to {@code head} (included).
   *
   * @param repository {@code owner/repo}; a source bound to one repository refuses other names
   *     with {@link Failure.Kind#INVALID}
   * @throws Failure {@link Failure.Kind#NOT_FOUND} when the repository or either commit is
   *     unknown, {@link Failure.Kind#UNAVAILABLE} when the remote cannot be reached in time
   */
  Changeset changeset(String repository, CommitSha base, CommitSha head, ChangeLimits limits)
      throws Failure;

  default Changeset changeset(String repository, CommitSha base, CommitSha head) throws Failure {
    return changeset(repository, base, head, ChangeLimits.DEFAULT);
  }

  /** Why a changeset read failed, and whether trying again can help. */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure; only {@link #UNAVAILABLE} is worth retrying. */
    public enum Kind {
      /** The request is malformed or names a repository this source does not serve. */
      INVALID,
      /** The caller holds no grant for the repository. */
      DENIED,
      /** The repository or a commit does not exist (or the credentials cannot see it). */
      NOT_FOUND,
      /**
       * The remote is down, slow past the timeout, answered 5xx, or is rate limiting; see
       * {@link #retryAfterSeconds()}.
       */
      UNAVAILABLE
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    public Failure(Kind kind, String message, long retryAfterSeconds, Throwable cause) {
      super(message, cause);
      if (kind == null) {
        throw new IllegalArgumentException("failure kind is required");
      }
      this.kind = kind;
      this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
    }

    public Failure(Kind kind, String message, Throwable cause) {
      this(kind, message, 0, cause);
    }

    public Failure(Kind kind, String message) {
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
}
