/**
 * Alerts and silences as an alert manager (Alertmanager's API v2) holds them, and the silences an
 * agent may ask for. An {@code alerts:read} scope is a list of label matchers; a silence is allowed
 * only when it is confined to it ({@link dev.vigil.core.alert.SilenceRequest#confinedTo}).
 */
package dev.vigil.core.alert;
