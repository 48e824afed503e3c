package dev.vigil.integrations.pagerduty;

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
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty's webhooks v3: checking {@code X-PagerDuty-Signature} and turning {@code incident.*}
 * events into core events. Labels carry what triggers filter on (service, incident id and number,
 * urgency, status, priority); the text is the incident's title (and a note's content). Thread-safe.
 */
public final class PagerDutyWebhook {
  public static final String EVENT_SOURCE = "pagerduty";
  public static final String PING = "pagey.ping";
  /** The incident events that wake agents; any other event type is stored and ignored. */
  public static final Set<String> HANDLED = Set.of("incident.triggered", "incident.acknowledged",
      "incident.unacknowledged", "incident.resolved", "incident.reopened", "incident.escalated",
      "incident.reassigned", "incident.delegated", "incident.annotated", "incident.priority_updated",
      "incident.responder.added", "incident.responder.replied", "incident.status_update_published");
  private static final String VERSION_PREFIX = "v1=";
  private static final int MAX_TEXT = 4000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PagerDutyWebhook() {}

  /**
   * Whether any of the comma-separated {@code v1=<hex HMAC-SHA256 of the body>} signatures of
   * {@code header} was made with {@code secret}. PagerDuty sends several while a secret is being
   * rotated; signatures of other versions are skipped. Each comparison is constant-time.
   */
  public static boolean signatureMatches(byte[] body, String header, Secret secret) {
    if (header == null || secret == null) {
      return false;
    }
    boolean matched = false;
    for (String part : header.split(",")) {
      String signature = part.strip();
      // Every candidate is compared, so the time taken does not tell which one matched.
      if (signature.startsWith(VERSION_PREFIX)
          && WebhookSignature.matches(body, signature.substring(VERSION_PREFIX.length()), secret)) {
        matched = true;
      }
    }
    return matched;
  }

  /** {@code v1=<hex>} for {@code body}, as PagerDuty sends it. */
  public static String sign(byte[] body, Secret secret) {
    return VERSION_PREFIX + WebhookSignature.hex(body, secret);
  }

  /**
   * Translates a verified delivery.
   *
   * @throws MalformedWebhookException when the body is not a v3 event envelope ({@code
   *     {"event": {"id", "event_type", "data"...}}}), naming what is wrong
   */
  public static PagerDutyDelivery parse(byte[] body, Instant receivedAt) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedWebhookException("body is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedWebhookException("body must be a JSON object with an 'event' (webhooks v3)");
    }
    JsonNode event = root.path("event");
    if (!event.isObject()) {
      throw new MalformedWebhookException("body has no 'event' object; is the subscription a v3 webhook?");
    }
    String id = text(event, "id");
    String type = text(event, "event_type");
    if (id.isEmpty() || id.length() > 200) {
      throw new MalformedWebhookException("event.id is missing (PagerDuty sends one per event)");
    }
    if (!type.matches("[a-z_]+(\\.[a-z_]+)+") || type.length() > 100) {
      throw new MalformedWebhookException("event.event_type is missing or not an event type (e.g. incident.triggered),"
          + " got '" + abbreviate(type) + "'");
    }
    JsonNode data = event.path("data");
    Map<String, String> labels = new LinkedHashMap<>();
    put(labels, "resource", text(event, "resource_type"));
    put(labels, "agent", text(event, "agent", "summary"));
    // user_reference when a person acted, service_reference when PagerDuty or an integration did:
    // what tells an acknowledgement by the on-call person from an automatic one.
    put(labels, "agent_type", text(event, "agent", "type"));
    String subject = "";
    String words = "";
    if (type.startsWith("incident.")) {
      if (!data.isObject()) {
        throw new MalformedWebhookException("event.data of " + type + " must be an object");
      }
      // Notes (incident.annotated) and responder events carry the incident as a reference beside their own data.
      JsonNode incident = text(data, "type").equals("incident") ? data : data.path("incident");
      put(labels, "incident", text(incident, "id"));
      put(labels, "number", text(incident, "number"));
      put(labels, "service", text(incident, "service", "summary").isEmpty() ? text(data, "service", "summary")
          : text(incident, "service", "summary"));
      put(labels, "service_id", text(incident, "service", "id"));
      put(labels, "status", text(incident, "status"));
      put(labels, "urgency", text(incident, "urgency"));
      put(labels, "priority", text(incident, "priority", "summary"));
      put(labels, "escalation_policy", text(incident, "escalation_policy", "summary"));
      put(labels, "url", text(incident, "html_url"));
      subject = labels.getOrDefault("service", "");
      String title = text(incident, "title").isEmpty() ? text(incident, "summary") : text(incident, "title");
      String note = text(data, "content");
      words = note.isEmpty() ? title : title + "\n" + note;
    }
    Instant time = timeOr(text(event, "occurred_at"), receivedAt);
    Event translated = new Event(EventId.random(), EVENT_SOURCE, type, subject, time, id, labels,
        words.length() > MAX_TEXT ? words.substring(0, MAX_TEXT) : words, new String(body, StandardCharsets.UTF_8));
    Optional<String> ignored = HANDLED.contains(type) || type.equals(PING) ? Optional.empty()
        : Optional.of("event type '" + type + "' is not acted on (handled: " + String.join(", ", new TreeSet<>(HANDLED))
            + "); stored for the record");
    return new PagerDutyDelivery(translated, ignored);
  }

  private static String text(JsonNode node, String... path) {
    JsonNode at = node;
    for (String step : path) {
      at = at.path(step);
    }
    return at.isValueNode() ? at.asString("") : "";
  }

  private static void put(Map<String, String> labels, String key, String value) {
    if (value != null && !value.isEmpty()) {
      labels.put(key, value);
    }
  }

  private static Instant timeOr(String text, Instant fallback) {
    try {
      return text.isEmpty() ? fallback : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
