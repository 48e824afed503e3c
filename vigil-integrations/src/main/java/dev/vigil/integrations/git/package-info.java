/**
 * Git through JGit: bare clones of any repository URL (https, ssh, file) kept in an agent's
 * workspace, fetched again only when a requested commit is missing, and changesets read locally
 * between two commits (commits, changed files with line counts, bounded patches).
 */
package dev.vigil.integrations.git;
