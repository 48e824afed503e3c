package dev.vigil.integrations.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.security.Secret;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.cluster.ClusterSource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deployments as graph nodes, read through the real fabric8 client from fabric8's mock API server. */
class ClusterGraphSourceTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  @BeforeAll
  static void quietMockServer() {
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
  }

  static Deployment deployment(String namespace, String name, String image) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec().withReplicas(2).withNewTemplate().withNewSpec().addNewContainer().withName("app")
        .withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
  }

  static Fabric8ClusterReader reader(KubernetesMockServer server) {
    return Fabric8ClusterReader.create("k8s-main", KubernetesConfig.of(URI.create(server.url("/")))
        .withBearerToken(new Secret("token-1")).withTimeout(Duration.ofSeconds(5)));
  }

  @Test
  void deployments_become_observed_services_and_a_deleted_one_turns_stale_not_gone() {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    try (NamespacedKubernetesClient admin = server.createClient(); Fabric8ClusterReader reader = reader(server)) {
      admin.apps().deployments().inNamespace("payments").resource(deployment("payments", "checkout", "reg/checkout:2.4.1")).create();
      admin.apps().deployments().inNamespace("payments").resource(deployment("payments", "ledger", "reg/ledger:9.0.0")).create();
      admin.apps().deployments().inNamespace("search").resource(deployment("search", "checkout", "reg/checkout:2.4.0")).create();
      MutableClock clock = new MutableClock(T);
      LiveContextGraph graph = new LiveContextGraph(
          List.of(new ClusterSource("cluster", reader, List.of("payments", "search"))), clock, Duration.ofHours(1),
          NoisePolicy.DEFAULT, Optional.empty());
      graph.refresh();
      Node checkout = graph.node(NodeId.service("checkout")).orElseThrow();
      assertThat(checkout.attributes()).containsEntry("namespace", "payments").containsEntry("images", "reg/checkout:2.4.1");
      assertThat(checkout.provenance()).singleElement().satisfies(p -> {
        assertThat(p.evidence()).isEqualTo(Provenance.Evidence.OBSERVED);
        assertThat(p.detail()).isEqualTo("deployment payments/checkout, search/checkout in k8s-main");
      });

      admin.apps().deployments().inNamespace("payments").withName("ledger").delete();
      clock.advance(Duration.ofMinutes(30));
      graph.refresh();
      assertThat(graph.node(NodeId.service("ledger")).orElseThrow().stale()).isFalse();
      clock.advance(Duration.ofMinutes(31));
      graph.refresh();
      assertThat(graph.node(NodeId.service("ledger")).orElseThrow().stale()).isTrue();
      assertThat(graph.node(NodeId.service("checkout")).orElseThrow().stale()).isFalse();
    } finally {
      server.destroy();
    }
  }

  @Test
  void a_namespace_that_cannot_be_read_is_a_problem_and_none_readable_makes_the_source_unavailable() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(false);
    server.init();
    try (Fabric8ClusterReader reader = reader(server)) {
      server.expect().get().withPath("/apis/apps/v1/namespaces/payments/deployments?limit=500")
          .andReturn(200, new DeploymentListBuilder().addToItems(deployment("payments", "checkout", "reg/c:1")).build())
          .always();
      server.expect().get().withPath("/apis/apps/v1/namespaces/secret/deployments?limit=500")
          .andReturn(403, new StatusBuilder().withCode(403).withStatus("Failure")
              .withMessage("deployments.apps is forbidden: User \"vigil\" cannot list resource \"deployments\"").build())
          .always();
      GraphContribution c = new ClusterSource("cluster", reader, List.of("payments", "secret")).read(T);
      assertThat(c.nodes()).extracting(n -> n.id().name()).containsExactly("checkout");
      assertThat(c.problems()).extracting(SourceProblem::location).containsExactly("namespace secret");
      assertThat(c.problems().get(0).message()).contains("cannot list deployments", "forbidden");
      assertThatThrownBy(() -> new ClusterSource("cluster", reader, List.of("secret")).read(T))
          .isInstanceOf(GraphSource.Unavailable.class).hasMessageContaining("no namespace of k8s-main could be read");
    } finally {
      server.destroy();
    }
  }
}
