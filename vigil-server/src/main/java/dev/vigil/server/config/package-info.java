/** Server settings from the environment, and the wiring of Vigil's modules into Spring beans. */
package dev.vigil.server.config;
