package dev.vigil.integrations.github;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.security.Secret;
import dev.vigil.core.security.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub's webhook deliveries: checking {@code X-Hub-Signature-256} and turning the events Vigil
 * acts on into core events. Labels carry what triggers filter on (repository, action, ref, branch,
 * sha, environment, state, conclusion...); the text carries what people wrote (commit messages,
 * titles, descriptions) for keyword filters. Thread-safe.
 */
public final class GitHubWebhook {
  public static final String EVENT_SOURCE = "github";
  /** The event types that wake agents; any other is stored and ignored. */
  public static final Set<String> HANDLED = Set.of("deployment", "deployment_status", "push", "pull_request",
      "workflow_run", "release", "ping");
  private static final String SIGNATURE_PREFIX = "sha256=";
  private static final int MAX_TEXT = 4000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private GitHubWebhook() {}

  /**
   * Whether {@code header} ({@code sha256=<hex HMAC-SHA256 of the body>}) was made with {@code secret}.
   * The comparison takes the same time wherever the first difference is, so timing tells an
   * attacker nothing about how much of a forged signature was right.
   */
  public static boolean signatureMatches(byte[] body, String header, Secret secret) {
    return header != null && header.startsWith(SIGNATURE_PREFIX)
        && WebhookSignature.matches(body, header.substring(SIGNATURE_PREFIX.length()), secret);
  }

  /** {@code sha256=<hex>} for {@code body}, as GitHub sends it. */
  public static String sign(byte[] body, Secret secret) {
    return SIGNATURE_PREFIX + WebhookSignature.hex(body, secret);
  }

  /**
   * Translates a verified delivery.
   *
   * @param eventType the {@code X-GitHub-Event} header
   * @param deliveryId the {@code X-GitHub-Delivery} header, the key redeliveries are recognised by
   * @throws MalformedDeliveryException when the body is not a JSON object or the headers are missing
   */
  public static GitHubDelivery parse(String eventType, String deliveryId, byte[] body, Instant receivedAt) {
    if (eventType == null || !eventType.matches("[a-z_]{1,64}")) {
      throw new MalformedDeliveryException("X-GitHub-Event: missing or not an event name (e.g. push)");
    }
    if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 200) {
      throw new MalformedDeliveryException("X-GitHub-Delivery: missing (GitHub sends a GUID per delivery)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedDeliveryException("body is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedDeliveryException("body must be a JSON object");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    StringJoiner text = new StringJoiner("\n");
    String repository = text(root, "repository", "full_name");
    put(labels, "repository", repository);
    put(labels, "sender", text(root, "sender", "login"));
    put(labels, "action", text(root, "action"));
    Instant time = receivedAt;
    switch (eventType) {
      case "deployment" -> {
        JsonNode d = root.path("deployment");
        deployment(d, labels);
        text.add("deployment of " + text(d, "ref") + " to " + text(d, "environment") + " in " + repository);
        add(text, text(d, "description"));
        time = timeOr(text(d, "created_at"), receivedAt);
      }
      case "deployment_status" -> {
        JsonNode s = root.path("deployment_status");
        deployment(root.path("deployment"), labels);
        put(labels, "state", text(s, "state"));
        put(labels, "environment", text(s, "environment"));
        text.add("deployment of " + text(root, "deployment", "ref") + " to " + labels.getOrDefault("environment", "")
            + " in " + repository + ": " + text(s, "state"));
        add(text, text(s, "description"));
        time = timeOr(text(s, "updated_at"), receivedAt);
      }
      case "push" -> {
        String ref = text(root, "ref");
        put(labels, "ref", ref);
        put(labels, "branch", ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : "");
        put(labels, "tag", ref.startsWith("refs/tags/") ? ref.substring("refs/tags/".length()) : "");
        put(labels, "sha", text(root, "after"));
        put(labels, "before", text(root, "before"));
        put(labels, "forced", text(root, "forced"));
        put(labels, "deleted", text(root, "deleted"));
        put(labels, "commits", String.valueOf(root.path("commits").size()));
        for (JsonNode commit : root.path("commits")) {
          add(text, text(commit, "message"));
        }
        if (root.path("commits").isEmpty()) {
          add(text, text(root, "head_commit", "message"));
        }
        time = timeOr(text(root, "head_commit", "timestamp"), receivedAt);
      }
      case "pull_request" -> {
        JsonNode pr = root.path("pull_request");
        put(labels, "number", text(root, "number"));
        put(labels, "base", text(pr, "base", "ref"));
        put(labels, "head", text(pr, "head", "ref"));
        put(labels, "sha", text(pr, "head", "sha"));
        put(labels, "state", text(pr, "state"));
        put(labels, "merged", text(pr, "merged"));
        add(text, text(pr, "title"));
        add(text, text(pr, "body"));
        time = timeOr(text(pr, "updated_at"), receivedAt);
      }
      case "workflow_run" -> {
        JsonNode run = root.path("workflow_run");
        put(labels, "workflow", text(run, "name").isEmpty() ? text(root, "workflow", "name") : text(run, "name"));
        put(labels, "status", text(run, "status"));
        put(labels, "conclusion", text(run, "conclusion"));
        put(labels, "branch", text(run, "head_branch"));
        put(labels, "sha", text(run, "head_sha"));
        put(labels, "trigger", text(run, "event"));
        add(text, text(run, "display_title"));
        time = timeOr(text(run, "updated_at"), receivedAt);
      }
      case "release" -> {
        JsonNode release = root.path("release");
        put(labels, "tag", text(release, "tag_name"));
        put(labels, "prerelease", text(release, "prerelease"));
        put(labels, "draft", text(release, "draft"));
        add(text, text(release, "name"));
        add(text, text(release, "body"));
        time = timeOr(text(release, "published_at"), receivedAt);
      }
      case "ping" -> {
        put(labels, "hook", text(root, "hook_id"));
        add(text, text(root, "zen"));
      }
      default -> {
        // Kept so that a person can see what GitHub sent; not acted on.
      }
    }
    String body8 = new String(body, StandardCharsets.UTF_8);
    String words = text.toString();
    Event event = new Event(EventId.random(), EVENT_SOURCE, eventType, repository, time, deliveryId, labels,
        words.length() > MAX_TEXT ? words.substring(0, MAX_TEXT) : words, body8);
    Optional<String> ignored = HANDLED.contains(eventType) ? Optional.empty()
        : Optional.of("event type '" + eventType + "' is not acted on (handled: "
            + String.join(", ", new java.util.TreeSet<>(HANDLED)) + "); stored for the record");
    return new GitHubDelivery(event, ignored);
  }

  private static void deployment(JsonNode d, Map<String, String> labels) {
    put(labels, "environment", text(d, "environment"));
    put(labels, "ref", text(d, "ref"));
    put(labels, "sha", text(d, "sha"));
    put(labels, "deployment", text(d, "id"));
    put(labels, "task", text(d, "task"));
    // A deployment's free-form payload is where deploy tools name what they deployed; these two
    // keys are the common convention, and what deploy watches read first.
    put(labels, "service", text(d, "payload", "service"));
    put(labels, "version", text(d, "payload", "version"));
    // The commit deployed before, when the deploy tool says: where a deploy watch's changeset starts.
    put(labels, "previousSha", text(d, "payload", "previous_sha"));
  }

  private static Instant timeOr(String text, Instant fallback) {
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      // push timestamps carry an offset (2019-05-15T15:20:41-04:00)
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        return fallback;
      }
    }
  }

  private static void put(Map<String, String> labels, String key, String value) {
    if (value != null && !value.isEmpty()) {
      labels.put(key, value.length() > 200 ? value.substring(0, 200) : value);
    }
  }

  private static void add(StringJoiner text, String value) {
    if (value != null && !value.isBlank()) {
      text.add(value);
    }
  }

  /** The text of a scalar at {@code path}, or empty when absent or null. */
  private static String text(JsonNode node, String... path) {
    JsonNode at = node;
    for (String step : path) {
      at = at.path(step);
    }
    return at.isMissingNode() || at.isNull() || at.isContainer() ? "" : at.asString();
  }
}
