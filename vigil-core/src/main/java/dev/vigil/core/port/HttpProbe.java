package dev.vigil.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Probes an HTTP endpoint once. Thread-safe. */
public interface HttpProbe {
  /**
   * Sends {@code GET uri} and waits at most {@code timeout}. Never throws for network failures:
   * they come back as a result with an error.
   */
  Result probe(URI uri, Duration timeout);

  /**
   * @param status the HTTP status, empty when no response arrived
   * @param latency time to the full response (or to the failure)
   * @param error why no response arrived, empty otherwise
   */
  record Result(Optional<Integer> status, Duration latency, Optional<String> error) {
    public Result {
      status = status == null ? Optional.empty() : status;
      error = error == null ? Optional.empty() : error;
    }
  }
}
