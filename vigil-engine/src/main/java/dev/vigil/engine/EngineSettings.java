package dev.vigil.engine;

import java.time.Duration;

/**
 * Tuning of the engine.
 *
 * @param threads worker threads executing runs on this node
 * @param pollingInterval how often this node looks for due work that other nodes scheduled (local
 *     work is picked up at once)
 * @param heartbeatInterval how often a node proves it still works on what it picked
 * @param missedHeartbeats after this many missed heartbeats a picked run is taken over (a crashed
 *     node's work resumes after about {@code heartbeatInterval * missedHeartbeats})
 * @param maxStepAttempts attempts of one step before its run fails
 * @param maxBackoff the longest wait between retries
 * @param nodeName this node's name in the scheduler table
 */
public record EngineSettings(
    int threads,
    Duration pollingInterval,
    Duration heartbeatInterval,
    int missedHeartbeats,
    int maxStepAttempts,
    Duration maxBackoff,
    String nodeName) {
  public EngineSettings {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    if (maxStepAttempts < 1) throw new IllegalArgumentException("maxStepAttempts must be >= 1");
    if (missedHeartbeats < 4) throw new IllegalArgumentException("missedHeartbeats must be >= 4 (db-scheduler)");
  }

  public static EngineSettings defaults(String nodeName) {
    return new EngineSettings(8, Duration.ofMillis(500), Duration.ofSeconds(1), 4, 5, Duration.ofMinutes(5), nodeName);
  }

  public EngineSettings withThreads(int n) {
    return new EngineSettings(n, pollingInterval, heartbeatInterval, missedHeartbeats, maxStepAttempts, maxBackoff, nodeName);
  }
}
