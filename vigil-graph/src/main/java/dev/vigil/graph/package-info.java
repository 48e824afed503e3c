/**
 * The context graph behind core's {@link dev.vigil.core.graph.ContextGraph} port: {@link
 * dev.vigil.graph.GraphSnapshot} (immutable, indexed for the port's queries), {@link
 * dev.vigil.graph.LiveContextGraph} (refreshes sources, merges their contributions with all
 * provenance, marks unseen facts stale) and {@link dev.vigil.graph.PathPattern} (CODEOWNERS and
 * gitignore-style path patterns). Vendor sources live with their vendor's module; this module needs
 * only the JDK.
 */
package dev.vigil.graph;
