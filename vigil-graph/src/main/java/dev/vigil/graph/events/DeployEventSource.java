package dev.vigil.graph.events;

import dev.vigil.core.event.Event;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.port.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deploys from the events Vigil accepted: a GitHub {@code deployment_status} whose state is
 * {@code success}, or any event of type {@code deploy} (a CloudEvent or generic webhook). The service
 * is the event's {@code service} label, else the last part of its {@code repository} label
 * ({@code acme/checkout} deploys {@code service:checkout}); events with neither are skipped. The
 * environment comes from the {@code environment} label, the version from {@code version}, else {@code sha}.
 * Reads the newest {@code limit} events on each refresh.
 */
public final class DeployEventSource extends EventGraphSource {
  public DeployEventSource(String name, EventStore events, int limit) {
    super(name, events, limit);
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    List<Event> recent = recentEvents();
    List<Deploy> deploys = new ArrayList<>();
    for (Event event : recent) {
      boolean githubSuccess = event.type().equals("deployment_status")
          && "success".equals(event.labels().get("state"));
      if (!githubSuccess && !event.type().equals("deploy")) {
        continue;
      }
      String service = event.labels().getOrDefault("service", "");
      if (service.isBlank()) {
        String repository = event.labels().getOrDefault("repository", "");
        service = repository.substring(repository.lastIndexOf('/') + 1);
      }
      if (service.isBlank()) {
        continue;
      }
      String version = event.labels().getOrDefault("version", event.labels().getOrDefault("sha", ""));
      String environment = event.labels().getOrDefault("environment", "");
      deploys.add(new Deploy(NodeId.service(service.toLowerCase(Locale.ROOT)), event.time(), environment, version,
          Provenance.observed(name(), now, 1.0, "event " + event.id() + " (" + event.source() + " " + event.type()
              + (event.deliveryId().isEmpty() ? "" : ", delivery " + event.deliveryId()) + ")")));
    }
    return new GraphContribution(name(), now, List.of(), List.of(), deploys, List.of(), List.of(), List.of());
  }
}
