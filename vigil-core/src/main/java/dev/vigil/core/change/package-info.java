/**
 * What changed between two commits of a repository, whatever read it (a local clone, GitHub's
 * REST API): commits, changed files with line counts and bounded patches, and the pull requests
 * that brought the head commit. Plain immutable records; no wire format.
 */
package dev.vigil.core.change;
