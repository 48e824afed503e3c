/**
 * The context graph: what runs in production, how it depends on itself, who owns it, where its
 * runbooks and dashboards are, what was deployed and which alerts are noise. Vendor-neutral
 * records; every node and edge carries the {@link dev.vigil.core.graph.Provenance} that lets the
 * graph explain itself. Sources ({@link dev.vigil.core.graph.GraphSource}) contribute; the
 * {@link dev.vigil.core.graph.ContextGraph} port answers the questions task kinds ask.
 */
package dev.vigil.core.graph;
