/** What people tell the agents about production, as a graph source. */
package dev.vigil.graph.people;
