/** Chat messages that wake agents. */
package dev.vigil.core.message;
