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
import dev.vigil.graph.events.IncidentEventSource;
import dev.vigil.integrations.alertmanager.AlertmanagerWebhook;
import dev.vigil.integrations.pagerduty.PagerDutyWebhook;
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

  @Test
  void pagerduty_incidents_say_whether_people_acted_on_an_alert_alertmanager_counts() throws Exception {
    try (Database db = TestDatabases.h2()) {
      JdbcEventStore events = new JdbcEventStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
      // Six firings without a flap: from Alertmanager alone, whether it is noise is unknown.
      storeEpisodes(events, List.of("checkout", "payments", "checkout", "payments", "checkout", "payments"));
      // Every incident resolved by Alertmanager; nobody acknowledged five of them, PagerDuty's own
      // escalation acknowledged one (not a person), and a person acknowledged one only after it resolved.
      storeIncidents(events, 6, 10, "incident_resolved.json", 5);
      storeIncident(events, "P1", "incident_acknowledged.json", TITLE, BASE.plus(Duration.ofMinutes(10)).plusSeconds(2),
          "service_reference");
      storeIncident(events, "P2", "incident_acknowledged.json", TITLE, BASE.plus(Duration.ofMinutes(20)).plusSeconds(9),
          null);
      // An incident Vigil's own deploy watch raised is no alert: its title does not name one.
      storeIncident(events, "V1", "incident_triggered.json", "checkout p99 latency 3x baseline after deploy 4f2a",
          BASE, null);
      LiveContextGraph graph = graph(events);

      AlertNoise ignored = graph.noise("HighRequestLatencyP99");
      assertThat(ignored.fired()).isEqualTo(6);
      assertThat(ignored.actedOnRatio()).hasValue(0.0);
      assertThat(ignored.verdict()).isEqualTo(AlertNoise.Verdict.NOISY);
      assertThat(ignored.reason()).contains("acted on 0 (0%)").contains("flapped 0");

      // People acknowledged four of the six while they fired: a signal.
      for (int k = 0; k < 4; k++) {
        storeIncident(events, "P" + k, "incident_acknowledged.json", TITLE,
            BASE.plus(Duration.ofMinutes(10L * k)).plusSeconds(3), null);
      }
      graph.refresh();
      AlertNoise answered = graph.noise("HighRequestLatencyP99");
      assertThat(answered.actedOnRatio()).hasValue(4.0 / 6);
      assertThat(answered.verdict()).isEqualTo(AlertNoise.Verdict.SIGNAL);
      assertThat(answered.reason()).contains("acted on 4 (67%)").contains("pagerduty");
    }
  }

  @Test
  void a_flapping_alert_stays_noisy_though_people_acknowledge_it() throws Exception {
    try (Database db = TestDatabases.h2()) {
      JdbcEventStore events = new JdbcEventStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
      storeEpisodes(events, List.of("checkout", "checkout", "checkout", "checkout", "checkout", "checkout"));
      // PagerDuty folded the flapping firings into two incidents, both acknowledged.
      storeIncidents(events, 2, 30, "incident_acknowledged.json", 2);
      AlertNoise latency = graph(events).noise("HighRequestLatencyP99");
      assertThat(latency.fired()).isEqualTo(6);
      assertThat(latency.flapRate()).isEqualTo(5.0 / 6);
      assertThat(latency.actedOnRatio()).hasValue(1.0);
      assertThat(latency.verdict()).isEqualTo(AlertNoise.Verdict.NOISY);
      assertThat(latency.reason()).contains("acted on 2 (100%) of 2 per pagerduty").contains("per alert-history");
    }
  }

  private static LiveContextGraph graph(JdbcEventStore events) {
    LiveContextGraph graph = new LiveContextGraph(List.of(
        new AlertEventSource("alert-history", events, 10_000, Duration.ofDays(7), Duration.ofMinutes(15)),
        new IncidentEventSource("pagerduty", events, 10_000, Duration.ofDays(7))),
        Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(1), NoisePolicy.DEFAULT, Optional.empty());
    graph.refresh();
    return graph;
  }

  /** How Alertmanager's PagerDuty receiver titles a firing of HighRequestLatencyP99 on checkout. */
  static final String TITLE = "[FIRING:1] HighRequestLatencyP99 checkout (critical)";

  /**
   * Incidents P0, P1, ... of HighRequestLatencyP99, {@code minutesApart} apart from BASE, each triggered
   * and then followed by {@code then} after {@code seconds}.
   */
  private static void storeIncidents(JdbcEventStore events, int count, int minutesApart, String then, int seconds) {
    for (int k = 0; k < count; k++) {
      Instant start = BASE.plus(Duration.ofMinutes((long) minutesApart * k));
      storeIncident(events, "P" + k, "incident_triggered.json", TITLE, start, null);
      storeIncident(events, "P" + k, then, TITLE, start.plusSeconds(seconds), null);
    }
  }

  /**
   * One PagerDuty webhook v3 delivery (the integration's test payloads, written after PagerDuty's
   * documentation) for incident {@code incident}, moved to {@code at} and titled as Alertmanager's
   * PagerDuty receiver titles it; {@code agentType} replaces the person who acted, when not null.
   */
  private static void storeIncident(JdbcEventStore events, String incident, String file, String title, Instant at,
      String agentType) {
    String body = new String(Payloads.pagerDuty(file), StandardCharsets.UTF_8)
        .replaceFirst("\"id\": \"01[0-9A-Z]{24}\"", "\"id\": \"" + java.util.UUID.randomUUID() + "\"")
        .replace("Q2KX8M4RZT1N0B", incident)
        .replace("checkout p99 latency 3x baseline after deploy 4f2a", title)
        .replaceFirst("\"occurred_at\": \"[^\"]+\"", "\"occurred_at\": \"" + at + "\"");
    if (agentType != null) {
      body = body.replaceFirst("\"type\": \"user_reference\"", "\"type\": \"" + agentType + "\"");
    }
    events.saveUnlessDuplicate(PagerDutyWebhook.parse(body.getBytes(StandardCharsets.UTF_8), NOW).event());
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
