package dev.vigil.engine.replay;

import static org.assertj.core.api.Assertions.assertThat;
import dev.vigil.core.port.IntegrationConnections;
import static org.awaitility.Awaitility.await;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.StepRecord;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.core.task.TaskRef;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineMetrics;
import dev.vigil.engine.EnginePorts;
import dev.vigil.engine.EngineSettings;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replay fixtures: state that an earlier version persisted (runs on a timer, a post not yet
 * delivered, a queued run, a schedule) loaded into a database migrated by this version and
 * resumed by this version's engine, on H2 and PostgreSQL. Each fixture under
 * {@code src/test/resources/replay/} is checked; a new version adds its own and keeps the old.
 */
class ReplayIT {
  private final RecordingChatChannel chat = new RecordingChatChannel("chat");
  @TempDir Path dir;
  private Database database;
  private Engine engine;

  @AfterEach
  void stop() {
    if (engine != null) engine.close();
    if (database != null) database.close();
  }

  static Stream<Arguments> fixturesOnBothDatabases() throws Exception {
    Path folder = Path.of(ReplayIT.class.getResource("/replay").toURI());
    List<Path> fixtures;
    try (Stream<Path> s = Files.list(folder)) {
      fixtures = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(fixtures).as("replay fixtures in " + folder).isNotEmpty();
    return fixtures.stream().flatMap(f -> Stream.of(Arguments.of(f.getFileName().toString(), "h2"),
        Arguments.of(f.getFileName().toString(), "postgres")));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("fixturesOnBothDatabases")
  void state_recorded_by_an_earlier_version_resumes_and_every_post_is_delivered_once(String fixture, String db)
      throws Exception {
    database = db.equals("postgres") ? TestDatabases.postgres() : TestDatabases.h2();
    Path file = Path.of(ReplayIT.class.getResource("/replay/" + fixture).toURI());
    PersistedState.load(database.rawDataSource(), file);
    Instant recordedWakeUp = scheduledInstant(ReplayScenario.SCHEDULED);

    // The recording's timers lie in its future; run this engine's clock past them.
    Instant latestTimer = latestExecutionTime();
    Duration ahead = Duration.between(Instant.now(), latestTimer.plusSeconds(1));
    Clock clock = ahead.isNegative() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), ahead);
    JdbcRunStore runs = new JdbcRunStore(database);
    engine = engine(clock, runs);
    engine.start();

    for (AgentId agent : List.of(ReplayScenario.WAITING, ReplayScenario.UNDELIVERED, ReplayScenario.QUEUED)) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(onlyRun(runs, agent).status()).as(agent.value()).isEqualTo(RunStatus.SUCCEEDED));
      Run run = onlyRun(runs, agent);
      List<StepRecord> steps = runs.steps(run.id());
      assertThat(steps).extracting(StepRecord::name).containsExactly("compose", "wait", "post");
      assertThat(steps).allSatisfy(s -> assertThat(s.attempts()).as(agent + "/" + s.name()).isEqualTo(1));
      assertThat(chat.deliveries()).filteredOn(m -> m.channel().equals(ReplayScenario.channel(agent)))
          .extracting(ChatMessage::idempotencyKey).containsExactly(run.id().value() + ":2:0");
    }
    assertThat(engine.nextWake(new TaskRef(ReplayScenario.SCHEDULED, "beat"))).contains(recordedWakeUp);
  }

  private static Run onlyRun(JdbcRunStore runs, AgentId agent) {
    List<Run> found = runs.list(Optional.of(agent), Optional.empty(), 10);
    assertThat(found).as("runs of " + agent).hasSize(1);
    return found.getFirst();
  }

  private Instant scheduledInstant(AgentId agent) throws Exception {
    try (Connection c = database.rawDataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery(
            "select execution_time from scheduled_tasks where task_instance = '" + agent.value() + "/beat'")) {
      assertThat(rs.next()).as("the fixture's wake-up row of " + agent).isTrue();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private Instant latestExecutionTime() throws Exception {
    try (Connection c = database.rawDataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery(
            "select max(execution_time) from scheduled_tasks where task_name = 'vigil-run'")) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private Engine engine(Clock clock, JdbcRunStore runs) {
    EnginePorts ports = new EnginePorts(database.transactor(), new JdbcAgentStore(database), runs,
        new JdbcOutboxStore(database), new JdbcFindingStore(database), new JdbcEventStore(database, clock),
        new JdbcAuditLog(database), chat, new StubHttpProbe(), new FileWorkspaces(dir.resolve("workspaces")), IntegrationConnections.none());
    return new Engine(EngineSettings.defaults("replay").withThreads(2), ports, new TaskKindRegistry(BuiltInTaskKinds.all()),
        database.rawDataSource(), database.dataSource(), database.isPostgres(), EngineMetrics.NONE, clock);
  }
}
