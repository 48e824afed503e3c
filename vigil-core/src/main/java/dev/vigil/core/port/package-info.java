/**
 * Ports: the interfaces through which the domain and the engine reach storage and the world.
 * Implementations live in vigil-store and vigil-integrations and say their technology in their
 * names.
 */
package dev.vigil.core.port;
