/**
 * Metric samples as Prometheus sees them, and the two ways the demo hands them over: the text
 * exposition format that Prometheus scrapes, and OpenMetrics history that {@code promtool tsdb
 * create-blocks-from openmetrics} backfills.
 */
package dev.vigil.demo.metrics;
