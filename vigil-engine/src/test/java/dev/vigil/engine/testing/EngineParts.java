package dev.vigil.engine.testing;

import dev.vigil.core.testing.MutableClock;
import dev.vigil.core.port.IntegrationConnections;
import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.StepRecord;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.TaskKind;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.engine.EngineMetrics;
import dev.vigil.engine.EnginePorts;
import dev.vigil.engine.EngineSettings;
import dev.vigil.engine.internal.RunAdvancer;
import dev.vigil.engine.internal.RunLauncher;
import dev.vigil.engine.internal.ScheduleWaker;
import dev.vigil.store.Database;
import dev.vigil.store.FileWorkspaces;
import dev.vigil.store.JdbcAgentStore;
import dev.vigil.store.JdbcAuditLog;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.JdbcFindingStore;
import dev.vigil.store.JdbcOutboxStore;
import dev.vigil.store.JdbcRunStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The engine's parts wired as {@code Engine} wires them, on a real test database, but with the
 * test's clock, chat channel, HTTP probe and an in-memory run queue instead of db-scheduler, so a
 * test drives {@link RunAdvancer#advance} and {@link ScheduleWaker#wake} by hand.
 */
public final class EngineParts {
  /** Small attempt limit so retry tests stay short. */
  public static final EngineSettings SETTINGS =
      new EngineSettings(1, Duration.ofMillis(500), Duration.ofSeconds(1), 4, 3, Duration.ofMinutes(5), "test-node");

  public final Database database;
  public final MutableClock clock;
  public final RecordingChatChannel chat;
  public final StubHttpProbe probe;
  public final InMemoryRunQueue queue = new InMemoryRunQueue();
  public final JdbcAgentStore agents;
  public final JdbcRunStore runs;
  public final JdbcOutboxStore outbox;
  public final JdbcFindingStore findings;
  public final JdbcAuditLog audit;
  public final EnginePorts ports;
  public final TaskKindRegistry kinds;
  public final RunAdvancer advancer;
  public final RunLauncher launcher;
  public final ScheduleWaker waker;

  public EngineParts(Database database, MutableClock clock, RecordingChatChannel chat, StubHttpProbe probe,
      TaskKind... kinds) {
    this(database, clock, chat, probe, IntegrationConnections.none(), kinds);
  }

  public EngineParts(Database database, MutableClock clock, RecordingChatChannel chat, StubHttpProbe probe,
      IntegrationConnections integrations, TaskKind... kinds) {
    this.database = database;
    this.clock = clock;
    this.chat = chat;
    this.probe = probe;
    this.agents = new JdbcAgentStore(database);
    this.runs = new JdbcRunStore(database);
    this.outbox = new JdbcOutboxStore(database);
    this.findings = new JdbcFindingStore(database);
    this.audit = new JdbcAuditLog(database);
    this.ports = new EnginePorts(database.transactor(), agents, runs, outbox, findings,
        new JdbcEventStore(database, clock), audit, chat, probe, new FileWorkspaces(temporaryWorkspaceRoot()),
        integrations);
    this.kinds = new TaskKindRegistry(Arrays.asList(kinds));
    this.advancer = new RunAdvancer(ports, this.kinds, SETTINGS, EngineMetrics.NONE, clock);
    this.launcher = new RunLauncher(runs, queue, this.kinds, clock);
    this.waker = new ScheduleWaker(agents, database.transactor(), launcher, queue, clock);
  }

  private static java.nio.file.Path temporaryWorkspaceRoot() {
    try {
      java.nio.file.Path root = java.nio.file.Files.createTempDirectory("vigil-workspaces-");
      root.toFile().deleteOnExit();
      return root;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A fresh agent name, so tests sharing one database never see each other's rows. */
  public static AgentId freshAgentId() {
    return new AgentId("agent-" + UUID.randomUUID().toString().substring(0, 8));
  }

  public static Agent agent(List<Grant> grants, TaskSpec... tasks) {
    return new Agent(freshAgentId(), "test agent", "tests", List.of("#ops"), grants, List.of(), List.of(tasks),
        List.of(), false);
  }

  /** Validates and stores {@code agent} as {@code Engine.saveAgent} does (without planning schedules). */
  public Agent save(Agent agent) {
    Agent valid = kinds.validate(agent);
    database.transactor().run(() -> agents.save(valid, clock.instant()));
    return valid;
  }

  /** Starts a run of the agent's task by hand, in a transaction, as {@code Engine.startRun} does. */
  public RunId launch(Agent agent, String task) {
    TaskSpec spec = agent.tasks().stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow();
    return database.transactor().inTransaction(() -> launcher.launch(agent, spec, new WakeReason.Manual("test")));
  }

  public Run run(RunId id) {
    return runs.find(id).orElseThrow();
  }

  public StepRecord step(RunId id, int index) {
    return runs.step(id, index).orElseThrow();
  }
}
