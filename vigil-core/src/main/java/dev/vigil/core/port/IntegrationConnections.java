package dev.vigil.core.port;

import dev.vigil.core.integration.IntegrationFailure;
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
   * scope, and one that cannot is refused with {@code IntegrationFailure.Kind.DENIED} before anything is sent.
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

  /**
   * An alert source on an alertmanager integration limited by {@code grants}: reads stay inside the
   * label scope of their {@code alerts:read} grants on it, and silences may be created or expired
   * only with {@code alerts:silence} and only when confined to that scope; a refused call fails with
   * {@code IntegrationFailure.Kind.DENIED} before anything is sent.
   *
   * @param outbound wraps the source that talks to the alert manager, under the scope check, so that
   *     the caller sees each call that is actually sent
   * @throws IllegalArgumentException when the integration is not alertmanager, grants no
   *     {@code alerts:read}, or its scopes cannot be enforced; the message says which
   * @throws dev.vigil.core.integration.SecretResolver.UnresolvedSecretException when a credential
   *     it needs yields no value
   */
  default AlertSource alerts(IntegrationConfig integration, List<Grant> grants, UnaryOperator<AlertSource> outbound) {
    throw new IllegalArgumentException("these connections cannot read alerts");
  }

  /**
   * A pager on a pagerduty integration. Whether the agent may page ({@code pager:trigger}) is the
   * caller's to check before opening it.
   *
   * @throws IllegalArgumentException when the integration is not pagerduty or has no routing key
   * @throws dev.vigil.core.integration.SecretResolver.UnresolvedSecretException when the routing key
   *     yields no value
   */
  default Pager pager(IntegrationConfig integration) {
    throw new IllegalArgumentException("these connections cannot page");
  }

  /**
   * A status publisher on a github integration. Repository scopes ({@code github:write}) are the
   * caller's to check, per call, before it reaches the publisher.
   *
   * @throws IllegalArgumentException when the integration is not github
   * @throws dev.vigil.core.integration.SecretResolver.UnresolvedSecretException when the token
   *     yields no value
   */
  default StatusPublisher statuses(IntegrationConfig integration) {
    throw new IllegalArgumentException("these connections cannot write statuses");
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
