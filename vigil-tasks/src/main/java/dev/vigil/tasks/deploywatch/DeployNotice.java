package dev.vigil.tasks.deploywatch;

import dev.vigil.core.event.Event;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy event says, whoever sent it: which service, which version, where and when.
 *
 * @param service the service deployed (label {@code service}; else the repository's name; else the
 *     event's subject)
 * @param version what was deployed: label {@code version}, else the ref, else the short SHA
 * @param sha the commit deployed, may be empty
 * @param environment e.g. {@code production}, may be empty
 * @param repository {@code owner/name}, may be empty
 * @param deployedAt when the deploy finished according to the sender
 * @param eventId the stored event's id, which makes a watch's finding key
 */
public record DeployNotice(String service, String version, String sha, String environment, String repository,
    Instant deployedAt, String eventId) {
  public DeployNotice {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(deployedAt, "deployedAt");
    Objects.requireNonNull(eventId, "eventId");
    requirePlainName(service);
  }

  /**
   * Service names go into a label matcher's quotes unescaped, so only plain names are accepted.
   *
   * @throws IllegalArgumentException naming the service when it is not plain
   */
  public static void requirePlainName(String service) {
    if (!service.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new IllegalArgumentException("service name '" + service + "' is not a plain name (letters, digits, . _ -)");
    }
  }

  /**
   * Reads a deploy from an event. A GitHub {@code deployment_status} that is not {@code success}
   * is not a finished deploy: empty, with the reason in {@code why}.
   *
   * @param why receives one sentence when the event is not a deploy to watch
   */
  public static Optional<DeployNotice> from(Event event, StringBuilder why) {
    Map<String, String> labels = event.labels();
    String state = labels.getOrDefault("state", "");
    if (event.type().equals("deployment_status") && !state.equals("success")) {
      why.append("the deployment status is '").append(state).append("', not success: nothing was deployed yet");
      return Optional.empty();
    }
    String repository = labels.getOrDefault("repository", "");
    String service = first(labels.get("service"), repository.contains("/")
        ? repository.substring(repository.indexOf('/') + 1) : repository, event.subject());
    if (service.isEmpty()) {
      why.append("the event names no service: give it a 'service' label (GitHub: deployment payload"
          + " {\"service\": ...}), a repository or a subject");
      return Optional.empty();
    }
    String sha = labels.getOrDefault("sha", "");
    String version = first(labels.get("version"), labels.get("ref"), sha.length() > 7 ? sha.substring(0, 7) : sha);
    try {
      return Optional.of(new DeployNotice(service, version, sha, labels.getOrDefault("environment", ""), repository,
          event.time(), event.id().toString()));
    } catch (IllegalArgumentException e) {
      why.append(e.getMessage());
      return Optional.empty();
    }
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c;
      }
    }
    return "";
  }

  /** {@code checkout 2.4.0 (production)}. */
  public String title() {
    return service + " " + version + (environment.isEmpty() ? "" : " (" + environment + ")");
  }
}
