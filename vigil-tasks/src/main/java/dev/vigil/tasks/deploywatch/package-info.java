/**
 * The {@code deploy-watch} task kind: after a deploy, check the service's golden signals at fixed
 * delays against the window before the deploy, the same window a week earlier and the week's range,
 * with the analysis module's before/after judge, and post a verdict whose every line cites the query
 * and the time ranges it rests on.
 */
package dev.vigil.tasks.deploywatch;
