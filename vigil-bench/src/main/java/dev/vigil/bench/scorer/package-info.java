/**
 * The cost runner ({@code ./vigil bench scorer}): time per point of the streaming anomaly scorer and per line of
 * the log template miner, written to {@code target/bench/scorer.json}.
 */
package dev.vigil.bench.scorer;
