/**
 * Log template mining: a streaming, fixed-depth parse-tree miner (in the manner of Drain) that turns log lines
 * into templates with variables masked, flags templates it has never seen ("new error pattern"), and
 * serialises its state so template ids stay stable across restarts.
 */
package dev.vigil.analysis.logs;
