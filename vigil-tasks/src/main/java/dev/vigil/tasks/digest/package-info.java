/**
 * The {@code digest} task kind: on a schedule, one post that says what happened over a period (findings
 * opened, still open, resolved and dismissed, deploys, the alerts that fired and the noisy ones), for the
 * morning stand-up or an on-call handoff.
 */
package dev.vigil.tasks.digest;
