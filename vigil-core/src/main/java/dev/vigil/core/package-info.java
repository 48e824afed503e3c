/**
 * Vigil's domain: agents, their triggers and tasks, runs and steps, findings, audit entries, and
 * the ports (interfaces) through which the domain reaches storage and the outside world. Knows no
 * framework, vendor, wire format or database.
 */
package dev.vigil.core;
