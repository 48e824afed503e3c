package dev.vigil.graph.events;

import dev.vigil.core.event.Event;
import dev.vigil.core.graph.AlertHistory;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.port.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether people acted on alerts, from the PagerDuty webhook v3 events Vigil accepted (source
 * {@code pagerduty}, labels {@code incident}, {@code agent_type}; text the incident's title). Per alert
 * name within the window: each incident triggered is a firing, and an incident that a person (agent
 * {@code user_reference}) acknowledged before it resolved was acted on. The alert name is read from the
 * title Alertmanager's PagerDuty receiver writes by default, {@code [FIRING:2] HighErrorRate checkout
 * (...)}: the first group label value after the status, which is the alert name when the route groups
 * by {@code alertname} (and no group label sorts before it). Incidents whose title does not start that
 * way (raised by Vigil's own agents, or by hand) are not alerts and are not counted. PagerDuty does not
 * see flapping on its own, so no flap is reported; an {@code alert-events} source counts those.
 */
public final class IncidentEventSource extends EventGraphSource {
  public static final String EVENT_SOURCE = "pagerduty";
  static final String PERSON = "user_reference";
  private static final Pattern ALERTMANAGER_TITLE = Pattern.compile("^\\[FIRING(?::\\d+)?] (\\S+)");
  private final Duration window;

  public IncidentEventSource(String name, EventStore events, int limit, Duration window) {
    super(name, events, limit);
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("incident event source '" + name + "' needs a positive window");
    }
    this.window = window;
  }

  /** The alert an incident title names, as Alertmanager's PagerDuty receiver writes it; empty for other titles. */
  public static Optional<String> alertName(String title) {
    Matcher m = ALERTMANAGER_TITLE.matcher(title == null ? "" : title.strip());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** What one incident's events say: when it was triggered, for which alert, when resolved, when a person acknowledged it. */
  private static final class Incident {
    Instant triggered;
    String alert;
    Instant resolved;
    Instant acknowledgedByPerson;

    boolean actedOn() {
      return acknowledgedByPerson != null && (resolved == null || !acknowledgedByPerson.isAfter(resolved));
    }
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    Instant from = now.minus(window);
    Map<String, Incident> incidents = new LinkedHashMap<>();
    for (Event event : recentEvents()) {
      String id = event.labels().getOrDefault("incident", "");
      if (!event.source().equals(EVENT_SOURCE) || id.isBlank() || event.time().isAfter(now)) {
        continue;
      }
      Incident incident = incidents.computeIfAbsent(id, k -> new Incident());
      switch (event.type()) {
        case "incident.triggered" -> {
          incident.triggered = event.time();
          incident.alert = alertName(event.text().lines().findFirst().orElse("")).orElse(null);
        }
        case "incident.resolved" -> incident.resolved = earlier(incident.resolved, event.time());
        case "incident.acknowledged" -> {
          if (PERSON.equals(event.labels().get("agent_type"))) {
            incident.acknowledgedByPerson = earlier(incident.acknowledgedByPerson, event.time());
          }
        }
        default -> { }
      }
    }
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Incident incident : incidents.values()) {
      if (incident.alert != null && !incident.triggered.isBefore(from)) {
        int[] c = counts.computeIfAbsent(incident.alert, k -> new int[2]);
        c[0]++;
        c[1] += incident.actedOn() ? 1 : 0;
      }
    }
    List<Node> nodes = new ArrayList<>();
    List<AlertHistory> histories = new ArrayList<>();
    counts.forEach((alert, c) -> {
      Provenance provenance = Provenance.observed(name(), now, 1.0, c[0] + " pagerduty incidents of " + alert
          + " from " + from + " to " + now + ", " + c[1] + " acknowledged by a person before they resolved");
      nodes.add(Node.of(NodeId.of(NodeKind.ALERT_RULE, alert), Map.of(), provenance));
      histories.add(new AlertHistory(alert, from, now, c[0], c[1], 0, provenance));
    });
    return new GraphContribution(name(), now, nodes, List.of(), List.of(), histories, List.of(), List.of());
  }

  private static Instant earlier(Instant current, Instant candidate) {
    return current == null || candidate.isBefore(current) ? candidate : current;
  }
}
