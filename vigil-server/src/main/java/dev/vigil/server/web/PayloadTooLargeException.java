package dev.vigil.server.web;

/** A request body over the configured limit. */
public class PayloadTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PayloadTooLargeException(long limit) {
    super("request body is larger than the limit of " + limit + " bytes (VIGIL_MAX_BODY)");
  }
}
