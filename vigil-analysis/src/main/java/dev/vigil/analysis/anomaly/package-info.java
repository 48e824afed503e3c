/**
 * Streaming anomaly scoring of one metric: one score in [0, 1] per point, each point seen once, in order,
 * without look-ahead, in bounded memory and time per point.
 */
package dev.vigil.analysis.anomaly;
