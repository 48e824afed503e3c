package dev.vigil.core.task;

/**
 * A step that could not complete. {@link #retryable()} failures (a dependency down, a timeout) are
 * retried with backoff up to the engine's limit; others (invalid input, a denied permission) fail
 * the run at once with this message.
 */
public class StepFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  private StepFailure(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  public static StepFailure retryable(String message, Throwable cause) {
    return new StepFailure(message, cause, true);
  }

  public static StepFailure permanent(String message) {
    return new StepFailure(message, null, false);
  }

  public static StepFailure permanent(String message, Throwable cause) {
    return new StepFailure(message, cause, false);
  }

  public boolean retryable() {
    return retryable;
  }
}
