/**
 * Deploy history from accepted events (GitHub deployment statuses and generic deploy events), read
 * through core's {@link dev.vigil.core.port.EventStore} port.
 */
package dev.vigil.graph.events;
