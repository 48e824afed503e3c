package dev.vigil.core.change;

import java.net.URI;
import java.util.Optional;

/**
 * A deployment status to create on an existing deployment (GitHub's deployment statuses): how the
 * rollout went, as the deployments page and the pull request show it.
 *
 * @param description at most 140 characters, GitHub's limit
 * @param environment the environment the deployment is in now, when it moved (e.g. {@code production})
 * @param environmentUrl where the deployed service can be reached
 * @param logUrl where the details are, e.g. the finding that judged the deploy
 */
public record DeploymentStatus(State state, String description, Optional<String> environment,
    Optional<URI> environmentUrl, Optional<URI> logUrl) {
  /** The states GitHub accepts for a deployment status. */
  public enum State {
    ERROR, FAILURE, INACTIVE, IN_PROGRESS, QUEUED, PENDING, SUCCESS
  }

  public DeploymentStatus {
    if (state == null) {
      throw new IllegalArgumentException("deployment status state is required");
    }
    description = description == null ? "" : description;
    if (description.length() > 140) {
      throw new IllegalArgumentException("deployment status description has " + description.length()
          + " characters; GitHub takes at most 140");
    }
    environment = environment == null ? Optional.empty() : environment.filter(e -> !e.isBlank());
    environmentUrl = environmentUrl == null ? Optional.empty() : environmentUrl;
    logUrl = logUrl == null ? Optional.empty() : logUrl;
  }

  public static DeploymentStatus of(State state, String description) {
    return new DeploymentStatus(state, description, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
