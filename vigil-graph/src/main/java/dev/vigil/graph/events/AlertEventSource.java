package dev.vigil.graph.events;

import dev.vigil.core.event.Event;
import dev.vigil.core.graph.AlertHistory;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.port.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Alert history from the Alertmanager notifications Vigil accepted ({@code /hooks/alertmanager}:
 * events of source {@code alertmanager}, type {@code firing} or {@code resolved}, labels = the
 * group's common labels). Per {@code alertname} within the window: each firing notification is a
 * firing (Alertmanager's repeats of an unchanged group are stored once), and a firing that comes
 * within {@code flapInterval} of the same alert's previous resolution on the same {@code service}
 * label is a flap. Alertmanager does not know whether anyone acted on an alert, so acted-on is left unknown. An alert rule node is added for
 * each alert, with an {@code alerts-on} edge to each {@code service} label it carried (so the
 * service's runbook answers for it). Notifications without an {@code alertname} common label (groups
 * of several alerts) are not counted.
 */
public final class AlertEventSource extends EventGraphSource {
  public static final String EVENT_SOURCE = "alertmanager";
  private final Duration window;
  private final Duration flapInterval;

  public AlertEventSource(String name, EventStore events, int limit, Duration window, Duration flapInterval) {
    super(name, events, limit);
    if (window == null || window.isNegative() || window.isZero() || flapInterval == null || flapInterval.isNegative()) {
      throw new IllegalArgumentException("alert event source '" + name + "' needs a positive window and a flap"
          + " interval >= 0");
    }
    this.window = window;
    this.flapInterval = flapInterval;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    List<Event> recent = recentEvents();
    Instant from = now.minus(window);
    Map<String, List<Event>> byAlert = new LinkedHashMap<>();
    for (Event event : recent) {
      String alert = event.labels().getOrDefault("alertname", "");
      if (event.source().equals(EVENT_SOURCE) && !alert.isBlank() && !event.time().isBefore(from)
          && !event.time().isAfter(now) && (event.type().equals("firing") || event.type().equals("resolved"))) {
        byAlert.computeIfAbsent(alert, k -> new ArrayList<>()).add(event);
      }
    }
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    List<AlertHistory> histories = new ArrayList<>();
    byAlert.forEach((alert, list) -> {
      list.sort(Comparator.comparing(Event::time));
      int fired = 0;
      int flaps = 0;
      // Per service: the same rule resolving on checkout and firing on payments a minute later is two
      // services' alerts, not one alert flapping.
      Map<String, Instant> lastResolved = new LinkedHashMap<>();
      for (Event event : list) {
        String service = event.labels().getOrDefault("service", "");
        if (event.type().equals("resolved")) {
          lastResolved.put(service, event.time());
        } else {
          fired++;
          Instant resolved = lastResolved.get(service);
          if (resolved != null && !event.time().isAfter(resolved.plus(flapInterval))) {
            flaps++;
          }
        }
      }
      Provenance provenance = Provenance.observed(name(), now, 1.0, list.size() + " alertmanager notifications of "
          + alert + " from " + from + " to " + now);
      NodeId rule = NodeId.of(NodeKind.ALERT_RULE, alert);
      nodes.add(Node.of(rule, Map.of(), provenance));
      list.stream().map(e -> e.labels().getOrDefault("service", "")).filter(s -> !s.isBlank()).distinct()
          .forEach(service -> edges.add(Edge.of(rule, EdgeKind.ALERTS_ON, NodeId.service(service), provenance)));
      histories.add(new AlertHistory(alert, from, now, fired, OptionalInt.empty(), flaps, provenance));
    });
    return new GraphContribution(name(), now, nodes, edges, List.of(), histories, List.of(), List.of());
  }
}
