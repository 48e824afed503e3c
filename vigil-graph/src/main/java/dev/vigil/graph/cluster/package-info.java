/**
 * Which services run where, observed in Kubernetes: deployments of the configured namespaces read
 * through core's {@link dev.vigil.core.port.ClusterReader} port.
 */
package dev.vigil.graph.cluster;
