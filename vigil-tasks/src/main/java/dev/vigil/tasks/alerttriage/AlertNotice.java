package dev.vigil.tasks.alerttriage;

import dev.vigil.core.event.Event;
import dev.vigil.core.finding.Severity;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Alertmanager notification as the triage reads it, from the event Vigil stored for it (labels = the
 * group's common labels, type = {@code firing} or {@code resolved}, time = when the newest alert started or
 * the last one ended).
 *
 * @param alert the {@code alertname}; for a group of different alerts, the group's subject
 * @param service the {@code service} label; empty when the alert is not about one service (a disk, a node)
 * @param severity the {@code severity} label as written by the rule's author, may be empty
 * @param at when it started firing (firing) or ended (resolved)
 * @param summary the summary and description annotations
 * @param alerts how many alerts the group holds
 */
public record AlertNotice(String alert, String service, String severity, boolean firing, Instant at, String summary,
    int alerts) {
  public static final String SOURCE = "alertmanager";

  public AlertNotice {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(summary, "summary");
  }

  /** The notice in an event, or why the event is not one. */
  public static AlertNotice of(Event event) {
    if (!event.source().equals(SOURCE) || !(event.type().equals("firing") || event.type().equals("resolved"))) {
      throw new IllegalArgumentException("alert-triage reads Alertmanager notifications (source alertmanager, type"
          + " firing or resolved), not " + event.source() + "/" + event.type());
    }
    String alert = event.labels().getOrDefault("alertname", "");
    if (alert.isBlank()) {
      alert = event.subject().isBlank() ? "alert group" : event.subject();
    }
    String service = event.labels().getOrDefault("service", "");
    int count;
    try {
      count = Integer.parseInt(event.labels().getOrDefault("alerts", "1"));
    } catch (NumberFormatException e) {
      count = 1;
    }
    return new AlertNotice(alert, service, event.labels().getOrDefault("severity", ""),
        event.type().equals("firing"), event.time(), event.text(), count);
  }

  public Optional<String> serviceName() {
    return service.isBlank() ? Optional.empty() : Optional.of(service);
  }

  /**
   * The finding's severity from the rule's {@code severity} label: the words teams use for paging
   * alerts are critical, anything else a warning (an alert confirmed by its signals is never mere info).
   */
  public Severity findingSeverity() {
    return switch (severity.toLowerCase(Locale.ROOT)) {
      case "page", "critical", "crit", "p1", "sev1", "high", "error" -> Severity.CRITICAL;
      default -> Severity.WARNING;
    };
  }

  /** One thread per alert and service, so every firing and resolution of it stays together. */
  public String threadKey() {
    return "alert:" + alert + (service.isBlank() ? "" : ":" + service);
  }

  public String title() {
    return alert + (service.isBlank() ? "" : " on " + service);
  }
}
