/** Learned baselines: what normal looks like per service, signal and hour of the week, kept and refreshed. */
package dev.vigil.graph.baseline;
