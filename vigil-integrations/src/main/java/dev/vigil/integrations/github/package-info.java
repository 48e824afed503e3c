/**
 * GitHub: the webhook receiver's verification ({@code X-Hub-Signature-256}) and the translation of
 * deliveries (deployment, deployment_status, push, pull_request, workflow_run, release, ping) into
 * core events; and the REST client (compare two commits with their pull requests, CODEOWNERS,
 * commit statuses) behind core's {@code ChangeSource}.
 */
package dev.vigil.integrations.github;
