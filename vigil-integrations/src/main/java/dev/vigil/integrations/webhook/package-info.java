/** Chat delivery to a generic HTTP webhook (JSON body, Idempotency-Key header). */
package dev.vigil.integrations.webhook;
