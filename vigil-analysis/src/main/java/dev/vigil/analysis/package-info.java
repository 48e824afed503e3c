/**
 * Statistics for production operations on plain values: seasonal baselines, a streaming anomaly scorer,
 * change detection, the before/after judge, log template mining, benchmark scoring and correlation helpers.
 *
 * <p>Everything here is deterministic and free of I/O and clocks: callers pass timestamps in, so the same
 * input always gives the same verdict, which is what lets a finding be re-checked and a task be replayed.
 * This package holds the value types shared by the sub-packages.
 */
package dev.vigil.analysis;
