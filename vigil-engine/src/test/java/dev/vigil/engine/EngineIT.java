package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import dev.vigil.core.port.IntegrationConnections;
import static org.awaitility.Awaitility.await;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.Trigger;
import dev.vigil.engine.testing.RecordingChatChannel;
import dev.vigil.engine.testing.StubHttpProbe;
import dev.vigil.store.Database;
import dev.vigil.store.FileWorkspaces;
import dev.vigil.store.JdbcAgentStore;
import dev.vigil.store.JdbcAuditLog;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.JdbcFindingStore;
import dev.vigil.store.JdbcOutboxStore;
import dev.vigil.store.JdbcRunStore;
import dev.vigil.store.testing.TestDatabases;
import dev.vigil.tasks.BuiltInTaskKinds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@link Engine} on db-scheduler, started, on a fresh database: H2 in memory, and the
 * PostgreSQL that {@code scripts/postgres.sh} starts when {@code VIGIL_TEST_PG_URL} names it
 * (skipped otherwise). The scheduler's own threads do the work, so these tests wait for results
 * with a deadline instead of ticking a clock.
 */
class EngineIT {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final RecordingChatChannel chat = new RecordingChatChannel("chat");
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path workspaces;
  private Database database;
  private Engine engine;
  private JdbcRunStore runs;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private void start(String which) {
    database = which.equals("postgres") ? TestDatabases.postgres() : TestDatabases.h2();
    runs = new JdbcRunStore(database);
    engine = startEngine("it-" + which + "-a");
  }

  /** An engine on this test's database, as one node; several in turn stand for restarts. */
  private Engine startEngine(String nodeName) {
    Clock clock = Clock.systemUTC();
    EnginePorts ports = new EnginePorts(database.transactor(), new JdbcAgentStore(database), runs,
        new JdbcOutboxStore(database), new JdbcFindingStore(database), new JdbcEventStore(database, clock),
        new JdbcAuditLog(database), chat, new StubHttpProbe(), new FileWorkspaces(workspaces),
        IntegrationConnections.none());
    Engine started = new Engine(EngineSettings.defaults(nodeName).withThreads(2), ports,
        new TaskKindRegistry(BuiltInTaskKinds.all()), database.rawDataSource(), database.dataSource(),
        database.isPostgres(), EngineMetrics.NONE, clock);
    started.start();
    return started;
  }

  private static Agent releaseBot() {
    return releaseBot("0s");
  }

  private static Agent releaseBot(String delay) {
    AgentId id = new AgentId("release-bot-" + UUID.randomUUID().toString().substring(0, 8));
    TaskSpec announce = new TaskSpec("announce", "heartbeat",
        Map.of("channel", "#deploys", "message", "{agent} woke: {reason}", "delay", delay),
        new Trigger.OnEvent("github", "deployment_status", Map.of("environment", "production"), List.of()), true);
    return new Agent(id, "announces production deploys", "platform", List.of("#deploys"),
        List.of(new Grant("chat", "chat:post", List.of("#deploys"))), List.of(), List.of(announce), List.of(), false);
  }

  private static Event deployment(String deliveryId) {
    return new Event(EventId.random(), "github", "deployment_status", "shop", Instant.now(), deliveryId,
        Map.of("environment", "production", "state", "success"), "shop deployed to production", "{}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void event_wakes_the_agent_which_posts_exactly_once_and_a_redelivered_event_starts_no_second_run(String db) {
    start(db);
    Agent agent = engine.saveAgent(releaseBot());

    EventAcceptance accepted = engine.acceptEvent(deployment("gh-delivery-1"));

    assertThat(accepted.duplicateOf()).isEmpty();
    assertThat(accepted.runs()).hasSize(1);
    await().atMost(DEADLINE).untilAsserted(() -> {
      assertThat(chat.deliveries()).hasSize(1);
      assertThat(runs.find(accepted.runs().getFirst()).map(Run::status)).contains(RunStatus.SUCCEEDED);
    });
    ChatMessage posted = chat.deliveries().getFirst();
    assertThat(posted.channel()).isEqualTo("#deploys");
    assertThat(posted.text()).startsWith(agent.id() + " woke: event github/deployment_status");

    EventAcceptance redelivered = engine.acceptEvent(deployment("gh-delivery-1"));

    assertThat(redelivered.duplicateOf()).contains(accepted.eventId());
    assertThat(redelivered.runs()).isEmpty();
    await().during(Duration.ofSeconds(1)).atMost(DEADLINE)
        .untilAsserted(() -> assertThat(chat.deliveries()).hasSize(1));
    assertThat(runs.list(Optional.of(agent.id()), Optional.empty(), 10)).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void event_that_matches_no_trigger_starts_nothing(String db) {
    start(db);
    Agent agent = engine.saveAgent(releaseBot());
    Event staging = new Event(EventId.random(), "github", "deployment_status", "shop", Instant.now(), "gh-2",
        Map.of("environment", "staging"), "shop deployed to staging", "{}");

    assertThat(engine.acceptEvent(staging).runs()).isEmpty();
    assertThat(runs.list(Optional.of(agent.id()), Optional.empty(), 10)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres"})
  void durable_timer_set_before_a_restart_fires_once_on_the_next_engine(String db) {
    start(db);
    engine.saveAgent(releaseBot("3s"));
    EventAcceptance accepted = engine.acceptEvent(deployment("gh-delivery-7"));
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(runs.find(accepted.runs().getFirst()).map(Run::status))
        .contains(RunStatus.WAITING));

    engine.close();
    assertThat(chat.deliveries()).as("posted before the timer was due").isEmpty();
    engine = startEngine("it-" + db + "-b");

    await().atMost(DEADLINE).untilAsserted(() -> {
      assertThat(chat.deliveries()).hasSize(1);
      assertThat(runs.find(accepted.runs().getFirst()).map(Run::status)).contains(RunStatus.SUCCEEDED);
    });
    await().during(Duration.ofSeconds(1)).atMost(DEADLINE)
        .untilAsserted(() -> assertThat(chat.deliveries()).hasSize(1));
  }
}
