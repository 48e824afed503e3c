package dev.vigil.bench.engine;

import dev.vigil.core.task.TaskKind;
import dev.vigil.core.port.IntegrationConnections;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineMetrics;
import dev.vigil.engine.EnginePorts;
import dev.vigil.engine.EngineSettings;
import dev.vigil.integrations.http.JdkHttpProbe;
import dev.vigil.store.Database;
import dev.vigil.store.FileWorkspaces;
import dev.vigil.store.JdbcAgentStore;
import dev.vigil.store.JdbcAuditLog;
import dev.vigil.store.JdbcConsoleChat;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.JdbcFindingStore;
import dev.vigil.store.JdbcOutboxStore;
import dev.vigil.store.JdbcRunStore;
import dev.vigil.tasks.BuiltInTaskKinds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The engine wired on a database the way the server wires it (built-in chat, default threads). */
final class InProcessEngine {
  /** The server's default worker threads ({@code VIGIL_ENGINE_THREADS}). */
  static final int SERVER_THREADS = 8;

  private InProcessEngine() {}

  static Engine on(Database db, Path workspaceRoot, List<TaskKind> extraKinds) {
    Clock clock = Clock.systemUTC();
    JdbcOutboxStore outbox = new JdbcOutboxStore(db);
    EnginePorts ports = new EnginePorts(db.transactor(), new JdbcAgentStore(db), new JdbcRunStore(db), outbox,
        new JdbcFindingStore(db), new JdbcEventStore(db, clock), new JdbcAuditLog(db),
        new JdbcConsoleChat(db, "chat", clock), new JdkHttpProbe(), new FileWorkspaces(workspaceRoot),
        IntegrationConnections.none());
    List<TaskKind> kinds = new ArrayList<>(BuiltInTaskKinds.all());
    kinds.addAll(extraKinds);
    return new Engine(EngineSettings.defaults("bench").withThreads(SERVER_THREADS), ports, new TaskKindRegistry(kinds),
        db.rawDataSource(), db.dataSource(), db.isPostgres(), EngineMetrics.NONE, clock);
  }
}
