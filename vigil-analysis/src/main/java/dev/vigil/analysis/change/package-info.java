/**
 * Change detection on a window of one series: level shifts, slow drifts and variance changes, each with an
 * estimate of when it began ("started 12 minutes after the deploy").
 */
package dev.vigil.analysis.change;
