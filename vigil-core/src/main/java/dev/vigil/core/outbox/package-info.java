/** The outbox: posts committed with a step's checkpoint and delivered with an idempotency key. */
package dev.vigil.core.outbox;
