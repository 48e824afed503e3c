/**
 * The judge runner ({@code ./vigil bench judge}): cuts before/after windows from the labelled NAB series by a
 * written-down rule, runs the before/after judge on each and reports recall on the labelled onsets and the
 * false failure rate far from any label, writing {@code target/bench/judge.json}.
 */
package dev.vigil.bench.judge;
