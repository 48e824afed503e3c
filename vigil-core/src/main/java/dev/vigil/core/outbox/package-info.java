/**
 * The outbox: posts committed with a step's checkpoint and delivered with an idempotency key. A post
 * ({@link dev.vigil.core.outbox.ChatPost}) is text, optionally a vendor-neutral finding card, PNG
 * charts and a thread key; each chat renders it in its own format.
 */
package dev.vigil.core.outbox;
