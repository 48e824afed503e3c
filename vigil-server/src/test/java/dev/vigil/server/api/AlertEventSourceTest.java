package dev.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.EventId;
import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.events.AlertEventSource;
import dev.vigil.integrations.alertmanager.AlertmanagerWebhook;
import dev.vigil.store.Database;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Alert noise from accepted Alertmanager notifications: Alertmanager 0.25's own webhook bodies
 * (captured from Debian's package), replayed as a flapping alert by moving their start and end times,
 * parsed by the webhook receiver's parser and stored in the JDBC event store.
 */
class AlertEventSourceTest {
  static final Instant BASE = Instant.parse("2026-11-24T21:32:20Z");
  static final Instant NOW = BASE.plus(Duration.ofHours(2));

  @Test
  void a_flapping_alert_is_classified_noisy_and_a_single_firing_has_not_enough_data() throws Exception {
    try (Database db = TestDatabases.h2()) {
      JdbcEventStore events = new JdbcEventStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
      // Every firing after the first comes within the flap interval of the previous resolution.
      storeEpisodes(events, List.of("checkout", "checkout", "checkout", "checkout", "checkout", "checkout"));
      store(events, Files.readString(payloads().resolve("firing_HighErrorRate_2alerts.json")));

      AlertEventSource alerts = new AlertEventSource("alert-history", events, 10_000, Duration.ofDays(7),
          Duration.ofMinutes(15));
      GraphSource catalog = new GraphSource() {
        @Override
        public String name() {
          return "catalog";
        }

        @Override
        public GraphContribution read(Instant now) {
          NodeId runbook = NodeId.of(NodeKind.RUNBOOK, "https://runbooks.example/checkout");
          Provenance p = Provenance.declared("catalog", now, "catalog-info.yaml:1");
          return new GraphContribution("catalog", now, List.of(Node.of(NodeId.service("checkout"), Map.of(), p)),
              List.of(Edge.of(NodeId.service("checkout"), EdgeKind.DOCUMENTED_BY, runbook, p)),
              List.of(), List.of(), List.of(), List.of());
        }
      };
      LiveContextGraph graph = new LiveContextGraph(List.of(catalog, alerts), Clock.fixed(NOW, ZoneOffset.UTC),
          Duration.ofDays(1), NoisePolicy.DEFAULT, Optional.empty());
      graph.refresh();

      AlertNoise latency = graph.noise("HighRequestLatencyP99");
      assertThat(latency.verdict()).isEqualTo(AlertNoise.Verdict.NOISY);
      assertThat(latency.fired()).isEqualTo(6);
      assertThat(latency.flapRate()).isEqualTo(5.0 / 6);
      assertThat(latency.actedOnRatio()).isEmpty();
      assertThat(latency.reason()).contains("acted on: unknown to alert-history");
      assertThat(graph.noise("HighErrorRate").verdict()).isEqualTo(AlertNoise.Verdict.NOT_ENOUGH_DATA);
      // The alert's service label links it to checkout, whose runbook answers for it.
      assertThat(graph.runbookFor("HighRequestLatencyP99"))
          .contains(NodeId.of(NodeKind.RUNBOOK, "https://runbooks.example/checkout"));
    }
  }

  @Test
  void the_same_rule_resolving_on_one_service_and_firing_on_another_is_not_a_flap() throws Exception {
    try (Database db = TestDatabases.h2()) {
      JdbcEventStore events = new JdbcEventStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
      // Each service's own episodes are twenty minutes apart, beyond the fifteen-minute flap interval.
      storeEpisodes(events, List.of("checkout", "payments", "checkout", "payments", "checkout", "payments"));
      LiveContextGraph graph = new LiveContextGraph(List.of(new AlertEventSource("alert-history", events, 10_000,
          Duration.ofDays(7), Duration.ofMinutes(15))), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(1),
          NoisePolicy.DEFAULT, Optional.empty());
      graph.refresh();

      AlertNoise latency = graph.noise("HighRequestLatencyP99");
      assertThat(latency.fired()).isEqualTo(6);
      assertThat(latency.flapRate()).isZero();
      assertThat(latency.verdict()).isNotEqualTo(AlertNoise.Verdict.NOISY);
      // The rule alerts on both services it carried.
      NodeId rule = NodeId.of(NodeKind.ALERT_RULE, "HighRequestLatencyP99");
      assertThat(graph.edgesFrom(rule)).filteredOn(e -> e.kind() == EdgeKind.ALERTS_ON).extracting(Edge::to)
          .containsExactlyInAnyOrder(NodeId.service("checkout"), NodeId.service("payments"));
    }
  }

  private static Path payloads() {
    return ApiContract.benchData().resolve("payloads/alertmanager/generated-alertmanager-0.25.0-debian");
  }

  /**
   * One episode of HighRequestLatencyP99 per service given, ten minutes apart, each resolved after five
   * seconds: Alertmanager's own firing and resolved bodies with their times and service label moved.
   */
  private static void storeEpisodes(JdbcEventStore events, List<String> services) throws java.io.IOException {
    String firing = Files.readString(payloads().resolve("firing_HighRequestLatencyP99.json"));
    String resolved = Files.readString(payloads().resolve("resolved_HighRequestLatencyP99.json"));
    for (int k = 0; k < services.size(); k++) {
      Instant start = BASE.plus(Duration.ofMinutes(10L * k));
      String service = "\"service\":\"" + services.get(k) + "\"";
      store(events, firing.replace("2026-11-24T21:32:20Z", start.toString())
          .replace("\"service\":\"checkout\"", service));
      store(events, resolved.replace("2026-11-24T21:32:25Z", start.plusSeconds(5).toString())
          .replace("2026-11-24T21:32:20Z", start.toString()).replace("\"service\":\"checkout\"", service));
    }
  }

  private static void store(JdbcEventStore events, String body) {
    events.saveUnlessDuplicate(AlertmanagerWebhook.parse(body.getBytes(StandardCharsets.UTF_8))
        .toEvent(EventId.random(), NOW, body));
  }
}
