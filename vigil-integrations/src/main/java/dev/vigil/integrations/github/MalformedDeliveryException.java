package dev.vigil.integrations.github;

/** A delivery that cannot be read (not JSON, a required field missing); the sender must fix it. */
public final class MalformedDeliveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedDeliveryException(String message) {
    super(message);
  }

  public MalformedDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
