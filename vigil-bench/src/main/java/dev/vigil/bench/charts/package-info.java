/**
 * PNG charts of the benchmark results, drawn headless with XChart next to each runner's JSON in
 * {@code target/bench/}, so the numbers in {@code docs/benchmarks.md} have a picture made by the same run.
 */
package dev.vigil.bench.charts;
