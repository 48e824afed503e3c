/** Findings: what runs conclude, with evidence, next steps and a status people set. */
package dev.vigil.core.finding;
