/**
 * Seasonal baselines: what normal looks like per hour of week (median and a robust spread), learned online,
 * with a slowly adapting level, plus conversion of counters with resets into rates.
 */
package dev.vigil.analysis.baseline;
