package dev.vigil.core.port;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.paging.Page;

/**
 * Raises, acknowledges and resolves incidents on a paging service (PagerDuty Events API v2). A
 * pager handed to a step needs the agent's {@code pager:trigger} grant on the integration, which
 * covers all three. Each call is retried on rate limits and server errors within the pager's
 * timeout; repeating one is harmless, since the service groups by dedup key. Thread-safe.
 */
public interface Pager {
  /** The integration it pages through, e.g. {@code pagerduty-payments}. */
  String integration();

  /**
   * Opens an incident for {@code page}, or adds to the open one with the same dedup key.
   *
   * @return the dedup key, the one given or the one the service made up
   * @throws IntegrationFailure {@code INVALID} (not retryable) when the service refused the event,
   *     naming the problem; {@code UNAVAILABLE} when it stayed down, slow or rate limiting
   */
  String trigger(Page page) throws IntegrationFailure;

  /** Marks the incident of {@code dedupKey} as being worked on, so nobody else is woken for it. */
  void acknowledge(String dedupKey) throws IntegrationFailure;

  /** Closes the incident of {@code dedupKey}. */
  void resolve(String dedupKey) throws IntegrationFailure;
}
