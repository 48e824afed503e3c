package dev.vigil.core.port;

import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.CommitStatus;
import dev.vigil.core.change.DeploymentStatus;
import dev.vigil.core.integration.IntegrationFailure;

/**
 * Writes what an agent concluded back to where the code lives: a commit status (the check line of
 * a pull request) or a deployment status. A publisher handed to a step writes only to the
 * repositories of the agent's {@code github:write} grants; another repository fails with {@link
 * SecurityException} before anything is sent. Writes are sent once, never retried by the
 * publisher: a retry after a lost answer would add a second status. Thread-safe.
 */
public interface StatusPublisher {
  /** The integration it writes through, e.g. {@code github-main}. */
  String integration();

  /**
   * Sets {@code status} on commit {@code sha} of {@code repository} ({@code owner/repo}); a later
   * status with the same context replaces it.
   *
   * @throws IntegrationFailure {@code NOT_FOUND} for an unknown repository or commit, {@code DENIED}
   *     when the token may not write statuses, {@code UNAVAILABLE} when GitHub is down or limiting
   */
  void commitStatus(String repository, CommitSha sha, CommitStatus status) throws IntegrationFailure;

  /**
   * Adds {@code status} to deployment {@code deploymentId} of {@code repository}, e.g. the id of the
   * {@code deployment} event that woke the run.
   *
   * @throws IntegrationFailure as {@link #commitStatus}; {@code NOT_FOUND} for an unknown deployment
   */
  void deploymentStatus(String repository, long deploymentId, DeploymentStatus status) throws IntegrationFailure;
}
