/**
 * Alerting rules as declared to their evaluator (a Prometheus rule file), read through core's
 * {@link dev.vigil.core.port.AlertRuleReader} port: which alert watches which service and where its
 * runbook is, before it ever fires.
 */
package dev.vigil.graph.alertrules;
