package dev.vigil.core.finding;

import java.time.Instant;
import java.util.List;

/**
 * Findings of every agent, as a step may read them: what a report or a digest summarises. Narrowed by the
 * reading agent's {@code findings:read} grant on the built-in integration {@code findings}: its scope lists
 * the services the agent may read about (an empty scope: all).
 */
public interface FindingHistory {
  /** At most this many findings are returned by one call. */
  int MAX = 5_000;

  /**
   * Findings created or changed at or after {@code from}, newest change first, at most {@code limit}
   * (capped at {@link #MAX}).
   *
   * @throws SecurityException when the agent holds no {@code findings:read} grant (audited)
   */
  List<Finding> changedSince(Instant from, int limit);
}
