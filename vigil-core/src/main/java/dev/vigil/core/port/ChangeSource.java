package dev.vigil.core.port;

import dev.vigil.core.integration.IntegrationFailure;
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
   *     with {@link IntegrationFailure.Kind#INVALID}
   * @throws IntegrationFailure {@link IntegrationFailure.Kind#NOT_FOUND} when the repository or either commit is
   *     unknown, {@link IntegrationFailure.Kind#UNAVAILABLE} when the remote cannot be reached in time
   */
  Changeset changeset(String repository, CommitSha base, CommitSha head, ChangeLimits limits)
      throws IntegrationFailure;

  default Changeset changeset(String repository, CommitSha base, CommitSha head) throws IntegrationFailure {
    return changeset(repository, base, head, ChangeLimits.DEFAULT);
  }
}
