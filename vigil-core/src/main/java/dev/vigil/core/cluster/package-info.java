/**
 * What a cluster holds as the domain sees it: workloads (deployments), their replica sets, pods with
 * their containers' states, events, and the rollout status derived from a workload. Plain immutable
 * records filled by a {@link dev.vigil.core.port.ClusterReader}; no client library types.
 */
package dev.vigil.core.cluster;
