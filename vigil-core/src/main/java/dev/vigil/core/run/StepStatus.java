package dev.vigil.core.run;

/** Where a step is. */
public enum StepStatus {
  RUNNING,
  SUCCEEDED,
  /** Failed on this attempt; will be retried. */
  RETRYING,
  FAILED
}
