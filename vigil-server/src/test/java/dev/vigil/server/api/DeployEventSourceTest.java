package dev.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.NodeId;
import dev.vigil.graph.events.DeployEventSource;
import dev.vigil.integrations.github.GitHubWebhook;
import dev.vigil.store.Database;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deploy history from accepted events: GitHub's own deployment_status examples parsed by the webhook
 * receiver's parser and stored in the JDBC event store, beside a generic deploy event.
 */
class DeployEventSourceTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  @Test
  void successful_github_deployment_statuses_and_generic_deploy_events_become_deploys_of_their_service()
      throws Exception {
    try (Database db = TestDatabases.h2()) {
      JdbcEventStore events = new JdbcEventStore(db, Clock.fixed(T, ZoneOffset.UTC));
      Path payloads = ApiContract.benchData().resolve("payloads/github/deployment_status");
      // payload.json: success to production; gh-pages.payload.json: in_progress, not a deploy yet.
      events.saveUnlessDuplicate(GitHubWebhook.parse("deployment_status", "delivery-1",
          Files.readAllBytes(payloads.resolve("payload.json")), T).event());
      events.saveUnlessDuplicate(GitHubWebhook.parse("deployment_status", "delivery-2",
          Files.readAllBytes(payloads.resolve("gh-pages.payload.json")), T).event());
      events.saveUnlessDuplicate(new Event(EventId.random(), "argo", "deploy", "payments",
          Instant.parse("2026-11-20T09:30:00Z"), "argo-7",
          Map.of("service", "Payments", "environment", "staging", "version", "v42"), "synced", "{}"));
      events.saveUnlessDuplicate(new Event(EventId.random(), "build", "deploy", "",
          Instant.parse("2026-11-20T09:40:00Z"), "", Map.of(), "no service named", "{}"));

      GraphContribution c = new DeployEventSource("deploys", events, 1000).read(T);
      assertThat(c.deploys()).extracting(Deploy::service, Deploy::environment, Deploy::version).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple(NodeId.service("hello-world"), "production",
              "f95f852bd8fca8fcc58a9a2d6c842781e32a215e"),
          org.assertj.core.groups.Tuple.tuple(NodeId.service("payments"), "staging", "v42"));
      Deploy github = c.deploys().stream().filter(d -> d.environment().equals("production")).findFirst().orElseThrow();
      assertThat(github.at()).isEqualTo(Instant.parse("2019-05-15T15:20:55Z"));
      assertThat(github.provenance().detail()).contains("github deployment_status", "delivery delivery-1");
    }
  }
}
