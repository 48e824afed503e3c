package dev.vigil.integrations.pagerduty;

/** A PagerDuty webhook body that cannot be read; the message names the problem (answered 400). */
public final class MalformedWebhookException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedWebhookException(String message) {
    super(message);
  }

  public MalformedWebhookException(String message, Throwable cause) {
    super(message, cause);
  }
}
