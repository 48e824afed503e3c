package dev.vigil.server.console;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunStatus;
import java.util.Optional;

/** What an agent is doing, as the console shows it, from its pause flag and its latest run. */
enum AgentState {
  STANDBY, RUNNING, PAUSED, FAILING;

  static AgentState of(Agent agent, Optional<Run> latest) {
    if (agent.paused()) return PAUSED;
    if (latest.isEmpty()) return STANDBY;
    RunStatus s = latest.get().status();
    if (!s.terminal()) return RUNNING;
    return s == RunStatus.FAILED ? FAILING : STANDBY;
  }

  String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
