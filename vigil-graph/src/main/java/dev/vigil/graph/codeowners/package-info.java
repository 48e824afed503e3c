/**
 * CODEOWNERS as a graph source: each line becomes an ownership rule (pattern, owners, file:line),
 * and each owner a team or person node. Files are read from any {@link
 * dev.vigil.core.graph.SourceFiles} (a folder, a Git commit).
 */
package dev.vigil.graph.codeowners;
