/**
 * The Spring Boot edge of Vigil: configuration, wiring of the modules, REST API, webhooks,
 * authentication, self-observability. The only module that knows Spring.
 */
package dev.vigil.server;
