/**
 * Metric values as the domain sees them, whatever store they came from: label sets, samples,
 * series, query results, time ranges and label matchers (the unit of a {@code metrics:read}
 * scope). Plain immutable records; no wire format.
 */
package dev.vigil.core.metrics;
