package dev.vigil.engine;

import dev.vigil.core.run.RunStatus;
import java.time.Duration;

/** What the engine reports about itself. Implementations must be cheap and thread-safe. */
public interface EngineMetrics {
  EngineMetrics NONE = new EngineMetrics() {};

  /** A run's first step started, {@code lag} after the run was created. */
  default void runStarted(String kind, Duration lag) {}

  default void runFinished(String kind, RunStatus status) {}

  default void stepFinished(String kind, String step, boolean succeeded, Duration took) {}

  /** A due execution started {@code lag} after its due time. */
  default void schedulerLag(Duration lag) {}

  default void outboxDelivered(boolean succeeded) {}
}
