package dev.vigil.integrations.prometheus;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Core's {@link MetricSource} on a Prometheus-compatible API, unscoped: wrap it in {@code
 * promql.ScopedMetricSource} to enforce a {@code metrics:read} grant's label matchers.
 */
public final class PrometheusMetricSource implements MetricSource {
  private final String integration;
  private final PrometheusClient client;

  public PrometheusMetricSource(String integration, PrometheusClient client) {
    if (integration == null || integration.isBlank() || client == null) {
      throw new IllegalArgumentException("a Prometheus metric source needs an integration name and a client");
    }
    this.integration = integration;
    this.client = client;
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public QueryResult query(String promql, Instant time) throws IntegrationFailure {
    return client.query(promql, time);
  }

  @Override
  public QueryResult queryRange(String promql, TimeRange range, Duration step) throws IntegrationFailure {
    return client.queryRange(promql, range, step);
  }

  @Override
  public List<Labels> series(List<String> selectors, TimeRange range) throws IntegrationFailure {
    return client.series(selectors, range);
  }

  @Override
  public List<String> labelNames(List<String> selectors, TimeRange range) throws IntegrationFailure {
    return client.labelNames(selectors, range);
  }

  @Override
  public List<String> labelValues(String label, List<String> selectors, TimeRange range) throws IntegrationFailure {
    return client.labelValues(label, selectors, range);
  }
}
