package dev.vigil.integrations.alertmanager;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Alertmanager webhook notification: the alerts of one group, sent when the group changes and
 * again every repeat interval.
 *
 * @param receiver the receiver name in Alertmanager's configuration
 * @param status firing when at least one alert fires, resolved when all have resolved
 * @param groupKey identifies the group within Alertmanager ({@code {}:{alertname="X"}})
 * @param externalUrl Alertmanager's own address, for links back
 * @param truncatedAlerts how many alerts Alertmanager left out because of {@code max_alerts}
 */
public record AlertGroupNotification(String receiver, AlertStatus status, String groupKey,
    Map<String, String> groupLabels, Map<String, String> commonLabels, Map<String, String> commonAnnotations,
    Optional<URI> externalUrl, int truncatedAlerts, List<NotifiedAlert> alerts) {

  /** The event source every Alertmanager notification carries. */
  public static final String EVENT_SOURCE = "alertmanager";

  public AlertGroupNotification {
    if (status == null || groupKey == null) {
      throw new IllegalArgumentException("notification needs a status and a groupKey");
    }
    receiver = receiver == null ? "" : receiver;
    groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
    commonLabels = commonLabels == null ? Map.of() : Map.copyOf(commonLabels);
    commonAnnotations = commonAnnotations == null ? Map.of() : Map.copyOf(commonAnnotations);
    externalUrl = externalUrl == null ? Optional.empty() : externalUrl;
    alerts = List.copyOf(alerts);
  }

  public List<NotifiedAlert> firing() {
    return alerts.stream().filter(a -> a.status() == AlertStatus.FIRING).toList();
  }

  /**
   * The core event for this notification: source {@code alertmanager}, type {@code firing} or
   * {@code resolved}, labels = the common labels plus {@code receiver} and {@code alerts} (the
   * count), subject = the {@code service} label else the {@code alertname}, text = the summary
   * and description annotations.
   *
   * <p>The delivery id hashes the group key, the status and each alert's fingerprint, start and
   * end: Alertmanager's own retries of a failed delivery, and repeat reminders of an unchanged
   * group, map to the same id and are stored once; any change in the group makes a new one.
   *
   * @param receivedAt used as the event time only when no alert carries a time
   */
  public Event toEvent(EventId id, Instant receivedAt, String payloadJson) {
    Map<String, String> labels = new TreeMap<>(commonLabels);
    labels.put("receiver", receiver);
    labels.put("alerts", Integer.toString(alerts.size()));
    String subject = commonLabels.getOrDefault("service", commonLabels.getOrDefault("alertname",
        groupLabels.getOrDefault("alertname", "")));
    String text = Stream.of("summary", "description")
        .map(k -> commonAnnotations.getOrDefault(k, alerts.isEmpty() ? "" : alerts.getFirst().annotations()
            .getOrDefault(k, "")))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.joining("\n"));
    return new Event(id, EVENT_SOURCE, status.wireName(), subject, eventTime().orElse(receivedAt), deliveryId(),
        labels, text, payloadJson);
  }

  /** Firing: when the newest alert started; resolved: when the last one ended. */
  private Optional<Instant> eventTime() {
    return status == AlertStatus.FIRING
        ? alerts.stream().map(NotifiedAlert::startsAt).max(Comparator.naturalOrder())
        : alerts.stream().flatMap(a -> a.endsAt().stream()).max(Comparator.naturalOrder());
  }

  private String deliveryId() {
    String identity = groupKey + "|" + status.wireName() + "|" + alerts.stream()
        .map(a -> a.fingerprint() + "@" + a.startsAt() + "-" + a.endsAt().map(Instant::toString).orElse(""))
        .sorted().collect(Collectors.joining(","));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "am-" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
