package dev.vigil.core.change;

import java.net.URI;
import java.util.Optional;

/**
 * A commit status to create: the check line a pull request shows (GitHub's commit statuses).
 *
 * @param context names the check, e.g. {@code vigil/deploy-watch}; a later status with the same
 *     context replaces it
 * @param description at most 140 characters, GitHub's limit
 */
public record CommitStatus(State state, String context, String description, Optional<URI> targetUrl) {
  public enum State {
    ERROR, FAILURE, PENDING, SUCCESS
  }

  public CommitStatus {
    if (state == null) {
      throw new IllegalArgumentException("commit status state is required");
    }
    if (context == null || context.isBlank()) {
      throw new IllegalArgumentException("commit status context must not be empty");
    }
    description = description == null ? "" : description;
    if (description.length() > 140) {
      throw new IllegalArgumentException("commit status description has " + description.length()
          + " characters; GitHub takes at most 140");
    }
    targetUrl = targetUrl == null ? Optional.empty() : targetUrl;
  }
}
