package dev.vigil.server.config;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.ClusterReader;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.graph.cluster.ClusterSource;
import dev.vigil.integrations.kubernetes.Fabric8ClusterReader;
import dev.vigil.integrations.kubernetes.KubernetesConfig;
import dev.vigil.integrations.kubernetes.NamespaceScope;
import dev.vigil.integrations.kubernetes.ScopedClusterReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Deployments and Services read through a configured kubernetes integration (see {@link IntegrationGraphSource}):
 * the namespaces the source names, else the integration's own namespace list, never outside that list.
 */
final class IntegrationClusterSource extends IntegrationGraphSource {
  private final List<String> namespaces;

  IntegrationClusterSource(String name, String integration, List<String> namespaces, IntegrationStore integrations,
      SecretResolver secrets) {
    super(name, integration, integrations, secrets);
    this.namespaces = List.copyOf(namespaces);
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    KubernetesConfig client = clientSettings(IntegrationType.KUBERNETES, "deployments", KubernetesConfig::from);
    List<String> read = namespaces.isEmpty() ? client.namespaces() : namespaces;
    if (read.isEmpty()) {
      throw new Unavailable("source '" + name() + "' names no namespace and integration '" + integration
          + "' lists none: write kubernetes:" + integration + "#ns1+ns2");
    }
    try (Fabric8ClusterReader reader = Fabric8ClusterReader.create(integration, client)) {
      // The integration's namespace list is a ceiling for the graph as for agents: a namespace the source
      // names outside it is a problem, and nothing of it (deployments, services) is requested.
      ClusterReader scoped = client.namespaces().isEmpty() ? reader
          : new ScopedClusterReader(reader, new NamespaceScope(false, Set.copyOf(client.namespaces())));
      return new ClusterSource(name(), scoped, read).read(now);
    }
  }
}
