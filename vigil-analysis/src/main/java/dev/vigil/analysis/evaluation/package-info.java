/**
 * Scoring rules of the public benchmarks the analysis is measured on, reimplemented from their published
 * definitions: the Numenta Anomaly Benchmark (windowed, time-weighted detection score) and the Loghub
 * log-parsing accuracies (GA, PA, FGA, FTA).
 *
 * <p>They live next to the detectors rather than in the benchmark runners so that unit tests can check the
 * rules on hand-computed cases; reading the data sets is the runners' job.
 */
package dev.vigil.analysis.evaluation;
