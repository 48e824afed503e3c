package dev.vigil.integrations.alertmanager;

/**
 * An Alertmanager API call that failed. {@link #retryable()} when Alertmanager was unreachable,
 * slow or answered 5xx (after the client's own attempts); not when the request was refused (4xx),
 * which sending again will not change.
 */
public final class AlertmanagerException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;
  private final int status;

  public AlertmanagerException(String message, boolean retryable, int status, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.status = status;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The HTTP status, or 0 when no answer arrived. */
  public int status() {
    return status;
  }
}
