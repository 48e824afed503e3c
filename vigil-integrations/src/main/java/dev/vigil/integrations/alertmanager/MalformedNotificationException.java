package dev.vigil.integrations.alertmanager;

/**
 * A webhook body that is not an Alertmanager version 4 notification. The message names the field
 * and what was expected; the receiver answers 400 with it. Invalid input: not retried.
 */
public final class MalformedNotificationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedNotificationException(String message) {
    super(message);
  }

  public MalformedNotificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
