/**
 * Kubernetes reads through the fabric8 client: deployments, replica sets, pods, events and rollout
 * status, translated into core's {@code dev.vigil.core.cluster} records at this edge, and the
 * namespace scope of {@code k8s:read} grants, checked before any request is sent.
 */
package dev.vigil.integrations.kubernetes;
