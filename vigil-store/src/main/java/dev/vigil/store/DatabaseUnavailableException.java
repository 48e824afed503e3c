package dev.vigil.store;

/**
 * The database could not be reached or refused the statement for a reason outside the caller's
 * control. Callers at the edge answer 503 so that senders retry; the engine retries later.
 */
public class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
