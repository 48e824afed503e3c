/**
 * {@code ./vigil bench graph}: the context graph at the scale (5,000 services, 50,000 edges,
 * 1,000,000 deploys): refresh times, heap and query latencies, in memory and through the JDBC store.
 */
package dev.vigil.bench.graph;
