/**
 * The Prometheus HTTP API adapter: {@link dev.vigil.integrations.prometheus.PrometheusClient} for
 * queries, series, labels, metadata, rules and alerts, and {@link
 * dev.vigil.integrations.prometheus.PrometheusMetricSource} implementing core's {@code MetricSource}.
 * Speaks to Prometheus, Thanos, Mimir and VictoriaMetrics alike (same API, tenant header for the
 * multi-tenant ones).
 */
package dev.vigil.integrations.prometheus;
