/**
 * Integrations as configuration: a named connection of a given type (Prometheus, GitHub, Slack...),
 * its settings and references to its credentials. Credentials are never held in configuration: a
 * {@link dev.vigil.core.integration.SecretRef} names where the value lives ({@code ${env:NAME}},
 * {@code ${file:/path}}) and {@link dev.vigil.core.integration.SecretResolver} reads it at use.
 */
package dev.vigil.core.integration;
