package dev.vigil.integrations.kubernetes;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.security.Secret;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How API server refusals and outages reach a step: denied with the server's reason, or retryable. */
class Fabric8ClusterReaderFailureTest {
  private KubernetesMockServer server;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  private Fabric8ClusterReader reader() {
    return Fabric8ClusterReader.create("k8s-main", KubernetesConfig.of(URI.create(server.url("/")))
        .withBearerToken(new Secret("expired")).withTimeout(Duration.ofSeconds(2)));
  }

  private void answer(String path, int code, String message) {
    server.expect().get().withPath(path).andReturn(code, new StatusBuilder().withCode(code).withMessage(message)
        .withStatus("IntegrationFailure").build()).always();
  }

  @Test
  void rejected_credentials_are_denied_with_the_servers_reason() {
    answer("/apis/apps/v1/namespaces/payments/deployments?limit=500", 401, "Unauthorized");
    try (Fabric8ClusterReader reader = reader()) {
      assertThatThrownBy(() -> reader.workloads("payments")).isInstanceOfSatisfying(IntegrationFailure.class, f -> {
        assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED);
        assertThat(f.retryable()).isFalse();
        assertThat(f.getMessage()).contains("401").contains("Unauthorized").doesNotContain("expired");
      });
    }
  }

  @Test
  void rbac_refusal_is_denied_with_the_servers_reason() {
    answer("/api/v1/namespaces/payments/pods?limit=500", 403,
        "pods is forbidden: User \"system:serviceaccount:vigil:reader\" cannot list resource \"pods\"");
    try (Fabric8ClusterReader reader = reader()) {
      assertThatThrownBy(() -> reader.pods("payments", Map.of())).isInstanceOfSatisfying(IntegrationFailure.class, f -> {
        assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED);
        assertThat(f.getMessage()).contains("403").contains("cannot list resource \"pods\"");
      });
    }
  }

  @Test
  void a_server_error_is_retryable() {
    answer("/api/v1/namespaces/payments/events", 503, "etcdserver: leader changed");
    try (Fabric8ClusterReader reader = reader()) {
      assertThatThrownBy(() -> reader.events("payments", null)).isInstanceOfSatisfying(IntegrationFailure.class, f -> {
        assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.UNAVAILABLE);
        assertThat(f.retryable()).isTrue();
      });
    }
  }

  @Test
  void an_unreachable_server_is_retryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Fabric8ClusterReader reader = Fabric8ClusterReader.create("k8s-main",
        KubernetesConfig.of(URI.create("http://127.0.0.1:" + closedPort)).withTimeout(Duration.ofSeconds(2)))) {
      assertThatThrownBy(() -> reader.workloads("payments")).isInstanceOfSatisfying(IntegrationFailure.class, f -> {
        assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.UNAVAILABLE);
        assertThat(f.retryable()).isTrue();
        assertThat(f.getMessage()).contains("unavailable");
      });
    }
  }
}
