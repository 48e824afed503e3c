package dev.vigil.core.run;

import java.util.Set;

/** Where a run is in its life. Terminal states never change again. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  /** Checkpointed and waiting on a durable timer. */
  WAITING,
  SUCCEEDED,
  FAILED,
  /** Ended because a newer run of the same work made it pointless. */
  SUPERSEDED,
  CANCELLED;

  public boolean terminal() {
    return Set.of(SUCCEEDED, FAILED, SUPERSEDED, CANCELLED).contains(this);
  }
}
