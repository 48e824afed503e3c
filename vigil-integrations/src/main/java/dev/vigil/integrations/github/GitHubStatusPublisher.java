package dev.vigil.integrations.github;

import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.CommitStatus;
import dev.vigil.core.change.DeploymentStatus;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.port.StatusPublisher;

/** Commit and deployment statuses through GitHub's REST API, in any repository the token may write. Thread-safe. */
public final class GitHubStatusPublisher implements StatusPublisher {
  private final String integration;
  private final GitHubRestClient client;

  public GitHubStatusPublisher(String integration, GitHubRestClient client) {
    if (integration == null || integration.isBlank() || client == null) {
      throw new IllegalArgumentException("an integration name and a client are required");
    }
    this.integration = integration;
    this.client = client;
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public void commitStatus(String repository, CommitSha sha, CommitStatus status) throws IntegrationFailure {
    try {
      client.createStatus(repository, sha, status);
    } catch (GitHubApiException e) {
      throw e.toFailure();
    }
  }

  @Override
  public void deploymentStatus(String repository, long deploymentId, DeploymentStatus status)
      throws IntegrationFailure {
    try {
      client.createDeploymentStatus(repository, deploymentId, status);
    } catch (GitHubApiException e) {
      throw e.toFailure();
    }
  }
}
