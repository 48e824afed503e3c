package dev.vigil.engine.replay;

import static org.awaitility.Awaitility.await;
import dev.vigil.core.port.IntegrationConnections;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.outbox.OutboxStatus;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.task.TaskKindRegistry;
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
import dev.vigil.tasks.BuiltInTaskKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Records a replay fixture with this version of the engine (run it when releasing a version whose
 * persisted state differs from the last fixture's, then commit the file and never edit it):
 *
 * <pre>java -cp &lt;vigil-engine test classpath&gt; dev.vigil.engine.replay.RecordReplayFixture VERSION OUT.json</pre>
 *
 * The chat is down throughout, so runs stop where {@link ReplayScenario} says.
 */
public final class RecordReplayFixture {
  private RecordReplayFixture() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: RecordReplayFixture VERSION OUT.json");
      System.exit(64);
    }
    Path dir = Files.createTempDirectory("vigil-replay-record-");
    RecordingChatChannel chat = new RecordingChatChannel("chat");
    chat.goDown();
    try (Database db = Database.embedded(dir.resolve("db"))) {
      Engine started = engine(db, chat, dir);
      started.start();
      started.saveAgents(ReplayScenario.agents());
      started.acceptEvent(event("waiting"));
      started.acceptEvent(event("undelivered"));
      JdbcRunStore runs = new JdbcRunStore(db);
      JdbcOutboxStore outbox = new JdbcOutboxStore(db);
      await().atMost(Duration.ofSeconds(30)).until(() ->
          runs.list(java.util.Optional.of(ReplayScenario.WAITING), java.util.Optional.of(RunStatus.WAITING), 1).size() == 1
          && runs.list(java.util.Optional.of(ReplayScenario.UNDELIVERED), java.util.Optional.empty(), 1).stream()
              .anyMatch(r -> outbox.forRun(r.id()).stream().anyMatch(e -> e.status() == OutboxStatus.PENDING && e.attempts() >= 1)));
      started.close();
      // Accepted by a node that stops before picking it up.
      Engine stopped = engine(db, chat, dir);
      stopped.acceptEvent(event("queued"));
      stopped.close();
      PersistedState.record(db.rawDataSource(), Path.of(args[1]), "vigil " + args[0] + " at " + Instant.now());
    }
    System.out.println("recorded " + args[1]);
  }

  private static Engine engine(Database db, RecordingChatChannel chat, Path dir) {
    Clock clock = Clock.systemUTC();
    EnginePorts ports = new EnginePorts(db.transactor(), new JdbcAgentStore(db), new JdbcRunStore(db),
        new JdbcOutboxStore(db), new JdbcFindingStore(db), new JdbcEventStore(db, clock), new JdbcAuditLog(db), chat,
        new StubHttpProbe(), new FileWorkspaces(dir.resolve("workspaces")), IntegrationConnections.none());
    return new Engine(EngineSettings.defaults("recorder").withThreads(2), ports, new TaskKindRegistry(BuiltInTaskKinds.all()),
        db.rawDataSource(), db.dataSource(), db.isPostgres(), EngineMetrics.NONE, clock);
  }

  private static Event event(String type) {
    return new Event(EventId.random(), "replay", type, "", Instant.now(), "replay-" + type, Map.of(), type, "{}");
  }
}
