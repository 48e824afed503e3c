/**
 * Correlation helpers: whether a change began plausibly because of a deploy, and which of several services
 * went wrong first (groundwork for root-cause questions).
 */
package dev.vigil.analysis.correlate;
