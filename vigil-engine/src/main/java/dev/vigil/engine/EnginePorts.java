package dev.vigil.engine;

import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.ChatChannel;
import dev.vigil.core.port.EventStore;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.port.HttpProbe;
import dev.vigil.core.port.IntegrationConnections;
import dev.vigil.core.port.OutboxStore;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.port.Transactor;
import dev.vigil.core.port.Workspaces;

/**
 * The ports the engine works through. {@code integrations} opens clients on configured
 * integrations for steps ({@link IntegrationConnections#none()} when there are none); {@code graph}
 * is what steps read of the context graph ({@link ContextGraph#empty()} when there is none).
 */
public record EnginePorts(
    Transactor transactor,
    AgentStore agents,
    RunStore runs,
    OutboxStore outbox,
    FindingStore findings,
    EventStore events,
    AuditLog audit,
    ChatChannel chat,
    HttpProbe httpProbe,
    Workspaces workspaces,
    IntegrationConnections integrations,
    ContextGraph graph) {
  /** Ports without a context graph. */
  public EnginePorts(Transactor transactor, AgentStore agents, RunStore runs, OutboxStore outbox,
      FindingStore findings, EventStore events, AuditLog audit, ChatChannel chat, HttpProbe httpProbe,
      Workspaces workspaces, IntegrationConnections integrations) {
    this(transactor, agents, runs, outbox, findings, events, audit, chat, httpProbe, workspaces, integrations,
        ContextGraph.empty());
  }
}
