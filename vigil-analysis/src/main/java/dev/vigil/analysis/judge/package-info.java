/**
 * The before/after judge for deploys: a rank test (Mann-Whitney U) and an effect size (Hodges-Lehmann shift
 * with a confidence interval) per metric, a tolerance and a direction, combined into pass / marginal / fail /
 * not enough data with the reason, and aggregated over a health plan.
 *
 * <p>Nonparametric on purpose: latency and error counts are skewed, tied and full of zeros, so tests that
 * assume normality over-alarm. See {@code docs/analysis.md} and ADR 0004.
 */
package dev.vigil.analysis.judge;
