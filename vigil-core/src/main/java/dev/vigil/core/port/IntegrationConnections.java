package dev.vigil.core.port;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.integration.IntegrationConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Opens clients on configured integrations for the engine, which decides first whether the agent
 * may use the integration at all and audits every call. Credentials are resolved here, at use.
 * Thread-safe.
 */
public interface IntegrationConnections {
  /** The integration of that name as configured now. */
  Optional<IntegrationConfig> find(String name);

  /**
   * A metric source on a Prometheus-compatible integration that reads only what {@code grants}
   * allow (their {@code metrics:read} scopes on it): queries are rewritten to stay inside the
   * scope, and one that cannot is refused with {@code Failure.Kind.DENIED} before anything is sent.
   *
   * @param outbound wraps the source that talks to the store, under the scope enforcement, so that
   *     the caller sees each query exactly as it is sent
   * @throws IllegalArgumentException when the integration is not Prometheus-compatible, grants no
   *     {@code metrics:read}, or its scopes cannot be enforced; the message says which
   * @throws dev.vigil.core.integration.SecretResolver.UnresolvedSecretException when a credential
   *     it needs yields no value
   */
  MetricSource metrics(IntegrationConfig integration, List<Grant> grants, UnaryOperator<MetricSource> outbound);

  /**
   * A cluster reader on a kubernetes integration limited to the namespaces of {@code grants}'
   * {@code k8s:read} scopes on it (an empty scope: any namespace, still one per call).
   *
   * @param outbound wraps the reader that talks to the API server, under the namespace check, so
   *     that the caller sees each call that is actually sent
   * @throws IllegalArgumentException when the integration is not kubernetes or grants no
   *     {@code k8s:read}; the message says which
   * @throws dev.vigil.core.integration.SecretResolver.UnresolvedSecretException when a credential
   *     it needs yields no value
   */
  default ClusterReader cluster(IntegrationConfig integration, List<Grant> grants,
      UnaryOperator<ClusterReader> outbound) {
    throw new IllegalArgumentException("these connections cannot read clusters");
  }

  /**
   * A change source on a git or github integration. Repository scopes ({@code github:read}) are
   * the caller's to check, per call, before it reaches the source.
   *
   * @param workspace the agent's folder, where a git integration keeps its clone
   * @throws IllegalArgumentException when the integration is neither git nor github, or lacks what
   *     its type needs (a git url); the message says which
   * @throws dev.vigil.core.integration.SecretResolver.UnresolvedSecretException when a credential
   *     it needs yields no value
   */
  default ChangeSource changes(IntegrationConfig integration, Path workspace) {
    throw new IllegalArgumentException("these connections cannot read changes");
  }

  /** No integrations: every lookup is empty. For engines that run tasks needing none. */
  static IntegrationConnections none() {
    return new IntegrationConnections() {
      @Override
      public Optional<IntegrationConfig> find(String name) {
        return Optional.empty();
      }

      @Override
      public MetricSource metrics(IntegrationConfig integration, List<Grant> grants,
          UnaryOperator<MetricSource> outbound) {
        throw new IllegalArgumentException("no integrations are configured");
      }
    };
  }
}
