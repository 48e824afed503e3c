package dev.vigil.core.port;

import dev.vigil.core.agent.AgentId;
import java.nio.file.Path;

/**
 * Each agent's own folder, which persists across runs and restarts: clones of repositories,
 * downloaded runbooks, state a task kind keeps between runs.
 */
public interface Workspaces {
  /**
   * The agent's folder, created if missing.
   *
   * @throws java.io.UncheckedIOException when it cannot be created
   */
  Path of(AgentId agent);
}
