/**
 * The Loghub runner ({@code ./vigil bench loghub}): mines every system of a Loghub-2k style directory with
 * Vigil's template miner, scores GA/PA/FGA/FTA against the ground truth, sets them beside the published Drain
 * results and writes {@code target/bench/loghub.json}.
 */
package dev.vigil.bench.loghub;
