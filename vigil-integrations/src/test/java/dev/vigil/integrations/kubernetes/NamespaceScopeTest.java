package dev.vigil.integrations.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.integration.SecretResolver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which namespaces a set of grants opens, and how an integration's configuration narrows them. */
class NamespaceScopeTest {
  @Test
  void scopes_of_several_grants_add_up_and_other_integrations_or_permissions_do_not_count() {
    NamespaceScope scope = NamespaceScope.forIntegration(List.of(
        new Grant("k8s", "k8s:read", List.of("payments")),
        new Grant("k8s", "k8s:read", List.of("search")),
        new Grant("k8s", "metrics:read", List.of("billing")),
        new Grant("other", "k8s:read", List.of("billing"))), "k8s").orElseThrow();

    assertThat(scope.permits("payments")).isTrue();
    assertThat(scope.permits("search")).isTrue();
    assertThat(scope.permits("billing")).isFalse();
  }

  @Test
  void an_unscoped_grant_opens_every_namespace_until_the_integration_sets_a_ceiling() {
    NamespaceScope any = NamespaceScope.forIntegration(List.of(new Grant("k8s", "k8s:read", List.of())), "k8s")
        .orElseThrow();

    assertThat(any.permits("kube-system")).isTrue();
    NamespaceScope capped = any.within(List.of("payments"));
    assertThat(capped.permits("kube-system")).isFalse();
    assertThat(capped.permits("payments")).isTrue();
  }

  @Test
  void a_ceiling_only_removes_namespaces() {
    NamespaceScope scope = new NamespaceScope(false, java.util.Set.of("payments", "search")).within(
        List.of("payments", "billing"));

    assertThat(scope.namespaces()).containsExactly("payments");
  }

  @Test
  void without_a_k8s_read_grant_there_is_no_scope() {
    assertThat(NamespaceScope.forIntegration(List.of(new Grant("k8s", "metrics:read", List.of())), "k8s")).isEmpty();
  }

  @Test
  void integration_settings_become_the_client_configuration_with_the_token_resolved_at_use() {
    IntegrationConfig integration = new IntegrationConfig("k8s", IntegrationType.KUBERNETES, List.of(),
        Map.of("url", "https://api.cluster.local:6443", "namespace", "payments, search", "timeout", "3s",
            "caFile", "/etc/vigil/ca.pem"),
        Map.of("auth.bearerToken", new SecretRef.Env("K8S_TOKEN")));

    KubernetesConfig config = KubernetesConfig.from(integration, new SecretResolver(Map.of("K8S_TOKEN", "abc")::get));

    assertThat(config.apiServer()).isEqualTo(URI.create("https://api.cluster.local:6443"));
    assertThat(config.namespaces()).containsExactly("payments", "search");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.caFile()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("/etc/vigil/ca.pem"));
    assertThat(config.bearerToken().orElseThrow().reveal()).isEqualTo("abc");
    assertThat(config.toString()).doesNotContain("abc");
  }

  @Test
  void a_bad_namespace_in_the_ceiling_is_refused_naming_the_rule() {
    IntegrationConfig integration = new IntegrationConfig("k8s", IntegrationType.KUBERNETES, List.of(),
        Map.of("url", "https://api:6443", "namespace", "Payments"), Map.of());

    assertThatThrownBy(() -> KubernetesConfig.from(integration, new SecretResolver(n -> null)))
        .hasMessageContaining("'Payments' is not a namespace name");
  }
}
