/**
 * Command-line tools that run without a server. {@link dev.vigil.cli.JudgeCommand} is {@code vigil judge}: the
 * before/after judge for CI pipelines that gate a rollout.
 */
package dev.vigil.cli;
