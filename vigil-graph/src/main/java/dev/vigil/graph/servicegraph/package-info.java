/**
 * Observed dependencies from service-graph metrics ({@code traces_service_graph_request_total
 * {client, server}} as Tempo's and the OpenTelemetry Collector's service-graph processors produce
 * them) or any other counter of requests labelled with client and server (a service mesh's
 * {@code istio_requests_total}), read through core's {@link dev.vigil.core.port.MetricSource} port from any
 * Prometheus-compatible store.
 */
package dev.vigil.graph.servicegraph;
