/**
 * GitHub: the webhook receiver's verification ({@code X-Hub-Signature-256}) and the translation of
 * deliveries (deployment, deployment_status, push, pull_request, workflow_run, release, ping) into
 * core events.
 */
package dev.vigil.integrations.github;
