/**
 * Durable execution of agents' tasks on db-scheduler: runs of checkpointed steps, durable timers,
 * schedules with catch-up, event dispatch, and delivery of the outbox. The public API is {@link
 * dev.vigil.engine.Engine}; the rest is in {@code internal}.
 */
package dev.vigil.engine;
