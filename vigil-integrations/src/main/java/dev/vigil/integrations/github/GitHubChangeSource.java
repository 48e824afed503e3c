package dev.vigil.integrations.github;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.port.ChangeSource;

/** Changesets from GitHub's compare API, for any repository the token can read. Thread-safe. */
public final class GitHubChangeSource implements ChangeSource {
  private final String integration;
  private final GitHubRestClient client;

  public GitHubChangeSource(String integration, GitHubRestClient client) {
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

  /** The client it reads through, for the other calls (CODEOWNERS, statuses) on the same connection. */
  public GitHubRestClient client() {
    return client;
  }

  @Override
  public Changeset changeset(String repository, CommitSha base, CommitSha head, ChangeLimits limits)
      throws IntegrationFailure {
    try {
      return client.compare(repository, base, head, limits);
    } catch (GitHubApiException e) {
      throw e.toFailure();
    }
  }
}
