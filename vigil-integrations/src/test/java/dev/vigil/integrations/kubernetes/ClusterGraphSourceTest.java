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
import dev.vigil.core.port.ClusterReader;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceListBuilder;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
      expectCheckoutInPayments(server);
      server.expect().get().withPath("/api/v1/namespaces/payments/services?limit=500")
          .andReturn(200, new ServiceListBuilder().build()).always();
      server.expect().get().withPath("/apis/apps/v1/namespaces/secret/deployments?limit=500")
          .andReturn(403, forbidden("deployments.apps")).always();
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

  @Test
  void services_labels_and_annotations_of_granted_namespaces_become_facts_and_others_are_never_read() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    try (NamespacedKubernetesClient admin = server.createClient(); Fabric8ClusterReader reader = reader(server)) {
      Deployment checkout = new DeploymentBuilder(deployment("payments", "checkout", "reg/checkout:2.4.1"))
          .editMetadata().addToLabels("app.kubernetes.io/part-of", "shop").addToLabels("app.kubernetes.io/name", "checkout")
          .addToLabels("app.kubernetes.io/version", "2.4.1")
          .addToAnnotations("vigil.dev/owner", "group:payments-team")
          .addToAnnotations("vigil.dev/runbook", "https://runbooks.example/checkout").endMetadata()
          .editSpec().editTemplate().withNewMetadata().addToLabels("app", "checkout").addToLabels("tier", "web")
          .endMetadata().endTemplate().endSpec().build();
      Deployment ledger = new DeploymentBuilder(deployment("payments", "ledger", "reg/ledger:9.0.0"))
          .editMetadata().addToAnnotations("vigil.dev/dashboard", "grafana/d/ledger").endMetadata()
          .editSpec().editTemplate().withNewMetadata().addToLabels("app", "ledger").endMetadata().endTemplate().endSpec()
          .build();
      admin.apps().deployments().inNamespace("payments").resource(checkout).create();
      admin.apps().deployments().inNamespace("payments").resource(ledger).create();
      // Named otherwise than the deployment, and annotated the way a8r.io suggests for Services.
      admin.services().inNamespace("payments").resource(service("payments", "checkout-http", Map.of("app", "checkout"),
          Map.of("a8r.io/owner", "alice@acme.example", "vigil.dev/dashboard", "https://grafana.example/d/checkout")))
          .create();
      admin.services().inNamespace("payments").resource(service("payments", "checkout", Map.of("app", "checkout",
          "tier", "web"), Map.of())).create();
      // Selects nothing here (no pod carries tier=batch), and a Service without selector selects nothing.
      admin.services().inNamespace("payments").resource(service("payments", "ledger-batch", Map.of("app", "ledger",
          "tier", "batch"), Map.of())).create();
      admin.services().inNamespace("payments").resource(service("payments", "external-db", Map.of(), Map.of())).create();
      admin.apps().deployments().inNamespace("secret").resource(deployment("secret", "vault", "reg/vault:1")).create();
      admin.services().inNamespace("secret").resource(service("secret", "vault", Map.of(),
          Map.of("vigil.dev/owner", "group:intruders"))).create();
      drain(server);

      ClusterReader granted = new ScopedClusterReader(reader, new NamespaceScope(false, Set.of("payments")));
      GraphContribution c = new ClusterSource("cluster", granted, List.of("payments", "secret")).read(T);

      Node node = c.nodes().stream().filter(n -> n.id().equals(NodeId.service("checkout"))).findFirst().orElseThrow();
      assertThat(node.attributes()).containsEntry(ClusterSource.SERVICES, "checkout,checkout-http")
          .containsEntry("app.kubernetes.io/name", "checkout").containsEntry("app.kubernetes.io/version", "2.4.1");
      assertThat(c.nodes().stream().filter(n -> n.id().equals(NodeId.service("ledger"))).findFirst().orElseThrow()
          .attributes()).doesNotContainKey(ClusterSource.SERVICES);
      Map<String, String> edges = new java.util.TreeMap<>();
      c.edges().forEach(e -> edges.put(e.from().name() + " " + e.kind().wire() + " " + e.to(),
          e.provenance().get(0).evidence() + ": " + e.provenance().get(0).detail()));
      assertThat(edges).containsOnly(
          Map.entry("checkout documented-by dashboard:https://grafana.example/d/checkout", "DECLARED: annotation"
              + " vigil.dev/dashboard on service payments/checkout-http (selects deployment checkout) in k8s-main"),
          Map.entry("checkout documented-by runbook:https://runbooks.example/checkout",
              "DECLARED: annotation vigil.dev/runbook on deployment payments/checkout in k8s-main"),
          Map.entry("checkout owned-by person:alice@acme.example", "DECLARED: annotation a8r.io/owner on service"
              + " payments/checkout-http (selects deployment checkout) in k8s-main"),
          Map.entry("checkout owned-by team:payments-team",
              "DECLARED: annotation vigil.dev/owner on deployment payments/checkout in k8s-main"),
          Map.entry("checkout part-of system:shop",
              "DECLARED: label app.kubernetes.io/part-of on deployment payments/checkout in k8s-main"));
      assertThat(c.problems()).extracting(SourceProblem::location, SourceProblem::message).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("deployment payments/ledger in k8s-main",
              "annotation vigil.dev/dashboard must be an http(s) URL, got 'grafana/d/ledger'"),
          org.assertj.core.groups.Tuple.tuple("namespace secret", "cannot list deployments: namespace 'secret' is outside"
              + " the k8s:read scope " + new NamespaceScope(false, Set.of("payments")) + " on 'k8s-main'"));
      // The namespace outside the scope never reached the API server.
      List<String> paths = new java.util.ArrayList<>();
      for (var r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
        paths.add(r.getPath());
      }
      assertThat(paths).containsExactly("/apis/apps/v1/namespaces/payments/deployments?limit=500",
          "/api/v1/namespaces/payments/services?limit=500");

      // Through the graph: the annotation's owner answers for checkout, its runbook is the service's.
      LiveContextGraph graph = new LiveContextGraph(List.of(new ClusterSource("cluster", granted, List.of("payments"))),
          new MutableClock(T), Duration.ofHours(1), NoisePolicy.DEFAULT, Optional.empty());
      graph.refresh();
      assertThat(graph.owners(NodeId.service("checkout"))).extracting(o -> o.who().toString())
          .containsExactlyInAnyOrder("team:payments-team", "person:alice@acme.example");
    } finally {
      server.destroy();
    }
  }

  @Test
  void services_that_cannot_be_listed_are_a_problem_and_the_deployments_still_count() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(false);
    server.init();
    try (Fabric8ClusterReader reader = reader(server)) {
      expectCheckoutInPayments(server);
      server.expect().get().withPath("/api/v1/namespaces/payments/services?limit=500")
          .andReturn(403, forbidden("services")).always();
      GraphContribution c = new ClusterSource("cluster", reader, List.of("payments")).read(T);
      assertThat(c.nodes()).extracting(n -> n.id().name()).containsExactly("checkout");
      assertThat(c.problems()).singleElement().satisfies(p -> {
        assertThat(p.location()).isEqualTo("namespace payments");
        assertThat(p.message()).contains("cannot list services", "forbidden by the cluster's RBAC (403)");
      });
    } finally {
      server.destroy();
    }
  }

  static Service service(String namespace, String name, Map<String, String> selector, Map<String, String> annotations) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).withAnnotations(annotations)
        .endMetadata().withNewSpec().withSelector(selector).addNewPort().withPort(80).endPort().endSpec().build();
  }

  private static void expectCheckoutInPayments(KubernetesMockServer server) {
    server.expect().get().withPath("/apis/apps/v1/namespaces/payments/deployments?limit=500")
        .andReturn(200, new DeploymentListBuilder().addToItems(deployment("payments", "checkout", "reg/c:1")).build())
        .always();
  }

  private static io.fabric8.kubernetes.api.model.Status forbidden(String resource) {
    return new StatusBuilder().withCode(403).withStatus("Failure").withMessage(resource
        + " is forbidden: User \"vigil\" cannot list resource \"" + resource.replace(".apps", "") + "\"").build();
  }

  private static void drain(KubernetesMockServer server) throws InterruptedException {
    while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // seeding requests are not what this test is about
    }
  }
}
