/**
 * Which services exist where, from the targets a Prometheus-compatible store scrapes (its {@code up}
 * series), read through core's {@link dev.vigil.core.port.MetricSource} port.
 */
package dev.vigil.graph.targets;
