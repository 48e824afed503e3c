/**
 * The demo environment: a simulated online shop whose services expose golden signals the way real
 * services do, a week of their history for a real Prometheus to backfill, and the live endpoint it
 * then scrapes. Deterministic for a seed, so a scenario, a test and a screenshot see the same series.
 */
package dev.vigil.demo;
