/** The heartbeat kind: posts a message, optionally after a durable wait. */
package dev.vigil.tasks.heartbeat;
