/**
 * Deploy history and alert history from accepted events (GitHub deployment statuses and generic deploy
 * events; Alertmanager notifications; PagerDuty incidents and who acknowledged them), read through
 * core's {@link dev.vigil.core.port.EventStore} port.
 */
package dev.vigil.graph.events;
