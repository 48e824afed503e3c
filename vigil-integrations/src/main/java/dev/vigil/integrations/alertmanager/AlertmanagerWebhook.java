package dev.vigil.integrations.alertmanager;

import dev.vigil.integrations.alertmanager.internal.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body Alertmanager's {@code webhook_config} receiver POSTs (payload version 4, the only
 * version Alertmanager has sent since 0.8). Thread-safe.
 */
public final class AlertmanagerWebhook {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonFields FIELDS = new JsonFields(MalformedNotificationException::new);

  private AlertmanagerWebhook() {}

  /**
   * @throws MalformedNotificationException when the body is not JSON, not version 4, or misses a
   *     required field; the message names it
   */
  public static AlertGroupNotification parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedNotificationException("Alertmanager webhook body is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedNotificationException("Alertmanager webhook body must be a JSON object");
    }
    String version = FIELDS.text(root, "version", "body");
    if (!version.equals("4")) {
      throw new MalformedNotificationException("Alertmanager webhook version '" + version
          + "' is not supported (expected \"4\")");
    }
    List<NotifiedAlert> alerts = new ArrayList<>();
    List<JsonNode> nodes = FIELDS.array(root, "alerts", "body");
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode alert = nodes.get(i);
      String path = "alerts[" + i + "]";
      alerts.add(new NotifiedAlert(status(FIELDS.text(alert, "status", path), path + ".status"),
          new TreeMap<>(FIELDS.stringMap(alert, "labels", path)), FIELDS.stringMap(alert, "annotations", path),
          FIELDS.time(alert, "startsAt", path), FIELDS.optionalTime(alert, "endsAt", path),
          FIELDS.optionalUri(alert, "generatorURL", path), FIELDS.optionalText(alert, "fingerprint")));
    }
    return new AlertGroupNotification(FIELDS.optionalText(root, "receiver"),
        status(FIELDS.text(root, "status", "body"), "body.status"), FIELDS.text(root, "groupKey", "body"),
        FIELDS.stringMap(root, "groupLabels", "body"), FIELDS.stringMap(root, "commonLabels", "body"),
        FIELDS.stringMap(root, "commonAnnotations", "body"), FIELDS.optionalUri(root, "externalURL", "body"),
        root.path("truncatedAlerts").asInt(0), alerts);
  }

  private static AlertStatus status(String text, String path) {
    return switch (text) {
      case "firing" -> AlertStatus.FIRING;
      case "resolved" -> AlertStatus.RESOLVED;
      default -> throw new MalformedNotificationException(path + " '" + text + "' must be firing or resolved");
    };
  }
}
