/** The audit trail of every call on an integration, allowed or denied. */
package dev.vigil.core.audit;
