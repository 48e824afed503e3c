/** The REST API under /api/v1, the webhook ingress under /hooks, and health and metrics endpoints. */
package dev.vigil.server.api;
