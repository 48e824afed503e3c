package dev.vigil.core.port;

import dev.vigil.core.integration.IntegrationFailure;
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
 * scope is refused with {@link IntegrationFailure.Kind#DENIED}, never run. Thread-safe.
 */
public interface MetricSource {
  /** The integration name grants refer to, e.g. {@code prom-main}. */
  String integration();

  /** Evaluates {@code promql} at {@code time}. */
  QueryResult query(String promql, Instant time) throws IntegrationFailure;

  /**
   * Evaluates {@code promql} at every {@code step} from the start to the end of {@code range}.
   *
   * @return a {@link QueryResult.Matrix} (or a scalar/string one for expressions without series)
   */
  QueryResult queryRange(String promql, TimeRange range, Duration step) throws IntegrationFailure;

  /**
   * The label sets of the series that match any of {@code selectors} (PromQL series selectors
   * such as {@code up{job="api"}}) within {@code range}.
   */
  List<Labels> series(List<String> selectors, TimeRange range) throws IntegrationFailure;

  /** Label names in use within {@code range}, restricted to series matching {@code selectors} if any. */
  List<String> labelNames(List<String> selectors, TimeRange range) throws IntegrationFailure;

  /** Values of {@code label} within {@code range}, restricted to series matching {@code selectors} if any. */
  List<String> labelValues(String label, List<String> selectors, TimeRange range) throws IntegrationFailure;
}
