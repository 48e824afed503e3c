package dev.vigil.core.port;

import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads metrics from a Prometheus-compatible store (Prometheus, Thanos, Mimir, VictoriaMetrics).
 * Queries are PromQL text: it is the language every one of those stores speaks, and the one the
 * evidence of a finding cites. Implementations may enforce a label scope (a {@code metrics:read}
 * grant) by rewriting every selector of the query; a query they cannot prove stays inside the
 * scope is refused with {@link Failure.Kind#DENIED}, never run. Thread-safe.
 */
public interface MetricSource {
  /** The integration name grants refer to, e.g. {@code prom-main}. */
  String integration();

  /** Evaluates {@code promql} at {@code time}. */
  QueryResult query(String promql, Instant time) throws Failure;

  /**
   * Evaluates {@code promql} at every {@code step} from the start to the end of {@code range}.
   *
   * @return a {@link QueryResult.Matrix} (or a scalar/string one for expressions without series)
   */
  QueryResult queryRange(String promql, TimeRange range, Duration step) throws Failure;

  /**
   * The label sets of the series that match any of {@code selectors} (PromQL series selectors
   * such as {@code up{job="api"}}) within {@code range}.
   */
  List<Labels> series(List<String> selectors, TimeRange range) throws Failure;

  /** Label names in use within {@code range}, restricted to series matching {@code selectors} if any. */
  List<String> labelNames(List<String> selectors, TimeRange range) throws Failure;

  /** Values of {@code label} within {@code range}, restricted to series matching {@code selectors} if any. */
  List<String> labelValues(String label, List<String> selectors, TimeRange range) throws Failure;

  /** Why a metric read failed, and whether trying again can help. */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure; only {@link #UNAVAILABLE} is worth retrying. */
    public enum Kind {
      /** The query or its parameters are malformed, or the store rejected them (HTTP 4xx). */
      INVALID,
      /** The query would read outside the caller's granted label scope. */
      DENIED,
      /** The answer is larger than the configured limit (bytes or series). */
      TOO_LARGE,
      /** The store is down, slow past the timeout, or answered 5xx (after the client's own retries). */
      UNAVAILABLE
    }

    private final Kind kind;

    public Failure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      if (kind == null) {
        throw new IllegalArgumentException("failure kind is required");
      }
      this.kind = kind;
    }

    public Failure(Kind kind, String message) {
      this(kind, message, null);
    }

    public Kind kind() {
      return kind;
    }

    public boolean retryable() {
      return kind == Kind.UNAVAILABLE;
    }
  }
}
