/**
 * The NAB runner ({@code ./vigil bench nab}): reads a corpus in NAB's layout in place, checks the NAB scorer
 * against the published results, runs Vigil's streaming scorer under NAB's rules and writes
 * {@code target/bench/nab.json}. Also holds {@link dev.vigil.bench.nab.BenchData}, the one place the
 * benchmark data directory is resolved.
 */
package dev.vigil.bench.nab;
