package dev.vigil.integrations.kubernetes;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.cluster.ClusterEvent;
import dev.vigil.core.cluster.ContainerState;
import dev.vigil.core.cluster.Pod;
import dev.vigil.core.cluster.ReplicaSet;
import dev.vigil.core.cluster.RolloutStatus;
import dev.vigil.core.cluster.Workload;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.ClusterReader;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.integrations.testing.MapIntegrationStore;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 reader against fabric8's Kubernetes mock server in CRUD mode (real HTTP, objects kept
 * as written): two namespaces, payments and search, with deployments in each rollout state.
 */
class Fabric8ClusterReaderTest {
  private KubernetesMockServer server;
  private NamespacedKubernetesClient admin;
  private Fabric8ClusterReader reader;

  @org.junit.jupiter.api.BeforeAll
  static void quietMockServer() {
    // The mock server logs every request through java.util.logging at INFO.
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
  }

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    admin = server.createClient();
    reader = Fabric8ClusterReader.create("k8s-main", KubernetesConfig.of(URI.create(server.url("/")))
        .withBearerToken(new Secret("token-1")).withTimeout(Duration.ofSeconds(5)));
    seed();
  }

  @AfterEach
  void stop() {
    reader.close();
    admin.close();
    server.destroy();
  }

  private void seed() {
    // The server owns metadata.generation (1 on create); observed 0 means the controller has not seen it.
    deployment("payments", "checkout", 3, 2, 1, 3, 3, 3, "registry.local/checkout:2.4.1", "NewReplicaSetAvailable");
    // Rolling: 1 of 3 new replicas so far, the old ones still up.
    deployment("payments", "ledger", 3, 7, 1, 4, 1, 3, "registry.local/ledger:9.0.0", "ReplicaSetUpdated");
    // Stuck past its deadline: the controller set Progressing=False/ProgressDeadlineExceeded.
    deployment("search", "indexer", 2, 5, 1, 3, 1, 2, "registry.local/indexer:1.1.0",
        RolloutStatus.DEADLINE_EXCEEDED);
    deployment("search", "api", 2, 1, 0, 2, 2, 2, "registry.local/api:3.0.0", "NewReplicaSetAvailable");

    admin.apps().replicaSets().inNamespace("payments").resource(new ReplicaSetBuilder()
        .withNewMetadata().withName("checkout-7d9f").withNamespace("payments")
        .addToAnnotations(Fabric8ClusterReader.REVISION, "2")
        .addNewOwnerReference().withKind("Deployment").withName("checkout").withApiVersion("apps/v1")
        .withUid("u1").endOwnerReference().endMetadata()
        .withNewSpec().withReplicas(3).withNewTemplate().withNewSpec().addNewContainer().withName("app")
        .withImage("registry.local/checkout:2.4.1").endContainer().endSpec().endTemplate().endSpec()
        .withNewStatus().withReplicas(3).withReadyReplicas(3).withAvailableReplicas(3).endStatus().build()).create();
    admin.apps().replicaSets().inNamespace("payments").resource(new ReplicaSetBuilder()
        .withNewMetadata().withName("ledger-55aa").withNamespace("payments")
        .addNewOwnerReference().withKind("Deployment").withName("ledger").withApiVersion("apps/v1")
        .withUid("u2").endOwnerReference().endMetadata()
        .withNewSpec().withReplicas(1).endSpec().build()).create();

    admin.pods().inNamespace("payments").resource(new PodBuilder()
        .withNewMetadata().withName("checkout-7d9f-abcde").withNamespace("payments").addToLabels("app", "checkout")
        .addNewOwnerReference().withKind("ReplicaSet").withName("checkout-7d9f").withApiVersion("apps/v1")
        .withUid("u3").endOwnerReference().endMetadata()
        .withNewSpec().withNodeName("node-a").addNewContainer().withName("app").withImage("registry.local/checkout:2.4.1")
        .endContainer().endSpec()
        .withNewStatus().withPhase("Running").addToContainerStatuses(new ContainerStatusBuilder().withName("app")
            .withImage("registry.local/checkout:2.4.1").withReady(false).withRestartCount(4)
            .withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 40s")
            .endWaiting().endState()
            .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated()
            .endLastState().build())
        .endStatus().build()).create();
    admin.pods().inNamespace("payments").resource(new PodBuilder()
        .withNewMetadata().withName("ledger-55aa-xyz12").withNamespace("payments").addToLabels("app", "ledger")
        .endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.local/ledger:9.0.0").endContainer().endSpec()
        .withNewStatus().withPhase("Pending").endStatus().build()).create();
    admin.pods().inNamespace("search").resource(new PodBuilder()
        .withNewMetadata().withName("indexer-1").withNamespace("search").addToLabels("app", "indexer").endMetadata()
        .withNewSpec().withNodeName("node-b").addNewContainer().withName("app").withImage("x").endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build()).create();

    event("payments", "ev-2", "Warning", "BackOff", "Pod", "checkout-7d9f-abcde", 9, "2026-05-04T09:05:00Z");
    event("payments", "ev-1", "Normal", "Pulled", "Pod", "checkout-7d9f-abcde", 1, "2026-05-04T09:00:00Z");
    event("payments", "ev-3", "Normal", "ScalingReplicaSet", "Deployment", "ledger", 1, "2026-05-04T09:01:00Z");
    event("search", "ev-4", "Warning", "FailedScheduling", "Pod", "indexer-2", 3, "2026-05-04T09:02:00Z");
  }

  private void deployment(String namespace, String name, int desired, long revision, long observed, int current,
      int updated, int available, String image, String progressingReason) {
    var deployment = new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .addToAnnotations(Fabric8ClusterReader.REVISION, String.valueOf(revision)).endMetadata()
        .withNewSpec().withReplicas(desired).withNewTemplate().withNewSpec().addNewContainer().withName("app")
        .withImage(image).endContainer().endSpec().endTemplate().endSpec()
        .withNewStatus().withObservedGeneration(observed).withReplicas(current).withUpdatedReplicas(updated)
        .withReadyReplicas(available).withAvailableReplicas(available)
        .addNewCondition().withType("Available").withStatus(available >= desired ? "True" : "False")
        .withReason("MinimumReplicas").endCondition()
        .addNewCondition().withType("Progressing")
        .withStatus(RolloutStatus.DEADLINE_EXCEEDED.equals(progressingReason) ? "False" : "True")
        .withReason(progressingReason).withMessage("ReplicaSet \"" + name + "-x\" has progressed")
        .withLastTransitionTime("2026-05-04T09:00:00Z").endCondition()
        .endStatus().build();
    admin.apps().deployments().inNamespace(namespace).resource(deployment).create();
    // The CRUD server keeps status apart from spec, as a real API server does; write it on its own.
    admin.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
  }

  private void event(String namespace, String name, String type, String reason, String kind, String object, int count,
      String last) {
    admin.v1().events().inNamespace(namespace).resource(new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withType(type).withReason(reason).withMessage(reason + " on " + object)
        .withNewInvolvedObject().withKind(kind).withName(object).withNamespace(namespace).endInvolvedObject()
        .withCount(count).withLastTimestamp(last).build()).create();
  }

  @Test
  void workloads_carry_replicas_images_generations_and_conditions_of_their_namespace_only() throws IntegrationFailure {
    List<Workload> payments = reader.workloads("payments");

    assertThat(payments).extracting(Workload::name).containsExactlyInAnyOrder("checkout", "ledger");
    Workload ledger = reader.workload("payments", "ledger");
    assertThat(ledger.desiredReplicas()).isEqualTo(3);
    assertThat(ledger.currentReplicas()).isEqualTo(4);
    assertThat(ledger.updatedReplicas()).isEqualTo(1);
    assertThat(ledger.availableReplicas()).isEqualTo(3);
    assertThat(ledger.images()).containsExactly("registry.local/ledger:9.0.0");
    assertThat(ledger.generation()).isEqualTo(1);
    assertThat(ledger.observedGeneration()).isEqualTo(1);
    assertThat(ledger.revision()).contains("7");
    assertThat(ledger.condition("Progressing").orElseThrow().reason()).isEqualTo("ReplicaSetUpdated");
    assertThat(reader.workloads("search")).extracting(Workload::name).containsExactlyInAnyOrder("indexer", "api");
  }

  @Test
  void rollout_status_is_complete_progressing_or_stalled_as_kubectl_would_say() throws IntegrationFailure {
    RolloutStatus checkout = reader.rolloutStatus("payments", "checkout");
    RolloutStatus ledger = reader.rolloutStatus("payments", "ledger");
    RolloutStatus indexer = reader.rolloutStatus("search", "indexer");
    RolloutStatus api = reader.rolloutStatus("search", "api");

    assertThat(checkout.state()).isEqualTo(RolloutStatus.State.COMPLETE);
    assertThat(ledger.state()).isEqualTo(RolloutStatus.State.PROGRESSING);
    assertThat(ledger.message()).contains("1 of 3 new replicas");
    assertThat(indexer.state()).isEqualTo(RolloutStatus.State.STALLED);
    assertThat(indexer.message()).contains("exceeded its progress deadline");
    assertThat(api.state()).isEqualTo(RolloutStatus.State.PROGRESSING);
    assertThat(api.message()).contains("observe generation 1");
  }

  @Test
  void a_missing_deployment_is_not_found_and_not_retryable() {
    assertThatThrownBy(() -> reader.rolloutStatus("payments", "nope"))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.NOT_FOUND);
          assertThat(f.retryable()).isFalse();
        });
  }

  @Test
  void replica_sets_name_their_deployment_and_revision() throws IntegrationFailure {
    List<ReplicaSet> ofCheckout = reader.replicaSets("payments", "checkout");

    assertThat(ofCheckout).singleElement().satisfies(rs -> {
      assertThat(rs.name()).isEqualTo("checkout-7d9f");
      assertThat(rs.revision()).contains("2");
      assertThat(rs.availableReplicas()).isEqualTo(3);
      assertThat(rs.images()).containsExactly("registry.local/checkout:2.4.1");
    });
    assertThat(reader.replicaSets("payments", null)).hasSize(2);
  }

  @Test
  void pods_show_restarts_crash_loops_and_the_last_termination_reason() throws IntegrationFailure {
    List<Pod> checkout = reader.pods("payments", Map.of("app", "checkout"));

    assertThat(checkout).singleElement().satisfies(pod -> {
      assertThat(pod.phase()).isEqualTo("Running");
      assertThat(pod.node()).contains("node-a");
      assertThat(pod.owner()).contains("checkout-7d9f");
      assertThat(pod.restarts()).isEqualTo(4);
      ContainerState app = pod.containers().getFirst();
      assertThat(app.state()).isEqualTo("waiting");
      assertThat(app.reason()).isEqualTo("CrashLoopBackOff");
      assertThat(app.lastTerminationReason()).contains("OOMKilled");
      assertThat(app.lastExitCode()).contains(137);
      assertThat(app.ready()).isFalse();
    });
    assertThat(reader.pods("payments", Map.of())).hasSize(2);
    assertThat(reader.pods("payments", Map.of("app", "ledger")).getFirst().node()).isEmpty();
  }

  @Test
  void events_are_read_oldest_first_and_can_be_narrowed_to_one_object() throws IntegrationFailure {
    List<ClusterEvent> all = reader.events("payments", null);
    List<ClusterEvent> ofPod = reader.events("payments", "checkout-7d9f-abcde");

    assertThat(all).extracting(ClusterEvent::reason).containsExactly("Pulled", "ScalingReplicaSet", "BackOff");
    assertThat(ofPod).extracting(ClusterEvent::reason).containsExactly("Pulled", "BackOff");
    ClusterEvent backOff = ofPod.getLast();
    assertThat(backOff.isWarning()).isTrue();
    assertThat(backOff.count()).isEqualTo(9);
    assertThat(backOff.involvedKind()).isEqualTo("Pod");
    assertThat(backOff.lastSeen()).contains(java.time.Instant.parse("2026-05-04T09:05:00Z"));
  }

  @Test
  void lists_stop_at_the_result_limit_keeping_the_newest_events() throws IntegrationFailure {
    try (Fabric8ClusterReader small = Fabric8ClusterReader.create("k8s-main",
        KubernetesConfig.of(URI.create(server.url("/"))).withResultLimit(1))) {
      assertThat(small.pods("payments", Map.of())).hasSize(1);
      assertThat(small.events("payments", null)).extracting(ClusterEvent::reason).containsExactly("BackOff");
    }
  }

  @Test
  void a_namespace_outside_the_grants_is_denied_before_any_request() throws Exception {
    MapIntegrationStore store = new MapIntegrationStore();
    store.save(kubernetes("k8s-main", server.url("/")), java.time.Instant.EPOCH);
    ConfiguredIntegrations connections = new ConfiguredIntegrations(store,
        new SecretResolver(Map.of("K8S_TOKEN", "token-1")::get));
    List<String> sent = new ArrayList<>();
    ClusterReader scoped = connections.cluster(kubernetes("k8s-main", server.url("/")),
        List.of(new Grant("k8s-main", "k8s:read", List.of("payments"))), inner -> recording(inner, sent));
    int requestsBefore = server.getRequestCount();

    assertThat(scoped.workloads("payments")).hasSize(2);
    assertThatThrownBy(() -> scoped.workloads("search")).isInstanceOfSatisfying(IntegrationFailure.class, f -> {
      assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED);
      assertThat(f.getMessage()).contains("'search'").contains("[payments]");
    });
    assertThatThrownBy(() -> scoped.events("", null)).isInstanceOfSatisfying(IntegrationFailure.class,
        f -> assertThat(f.getMessage()).contains("cluster-wide"));
    assertThatThrownBy(() -> scoped.pods("../search", Map.of())).isInstanceOfSatisfying(IntegrationFailure.class,
        f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.INVALID));

    assertThat(sent).containsExactly("workloads payments");
    assertThat(server.getRequestCount() - requestsBefore).isEqualTo(1);
  }

  @Test
  void the_token_is_sent_as_a_bearer_and_a_rotated_one_is_used_from_the_next_call() throws Exception {
    MapIntegrationStore store = new MapIntegrationStore();
    IntegrationConfig integration = kubernetes("k8s-main", server.url("/"));
    store.save(integration, java.time.Instant.EPOCH);
    Map<String, String> environment = new HashMap<>(Map.of("K8S_TOKEN", "token-1"));
    ConfiguredIntegrations connections = new ConfiguredIntegrations(store, new SecretResolver(environment::get));
    List<Grant> grants = List.of(new Grant("k8s-main", "k8s:read", List.of()));
    drainRequests();

    connections.cluster(integration, grants, inner -> inner).workloads("payments");
    environment.put("K8S_TOKEN", "token-2");
    connections.cluster(integration, grants, inner -> inner).workloads("payments");

    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer token-1");
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer token-2");
  }

  private void drainRequests() throws InterruptedException {
    while (server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
      // seeding requests are not what this test is about
    }
  }

  private static IntegrationConfig kubernetes(String name, String url) {
    return new IntegrationConfig(name, IntegrationType.KUBERNETES, List.of(), Map.of("url", url),
        Map.of("auth.bearerToken", new SecretRef.Env("K8S_TOKEN")));
  }

  /** Records what reaches the reader that talks to the server. */
  private static ClusterReader recording(ClusterReader inner, List<String> sent) {
    return new ClusterReader() {
      @Override
      public String integration() {
        return inner.integration();
      }

      @Override
      public List<Workload> workloads(String namespace) throws IntegrationFailure {
        sent.add("workloads " + namespace);
        return inner.workloads(namespace);
      }

      @Override
      public Workload workload(String namespace, String name) throws IntegrationFailure {
        sent.add("workload " + namespace + "/" + name);
        return inner.workload(namespace, name);
      }

      @Override
      public List<ReplicaSet> replicaSets(String namespace, String deployment) throws IntegrationFailure {
        sent.add("replicaSets " + namespace);
        return inner.replicaSets(namespace, deployment);
      }

      @Override
      public List<Pod> pods(String namespace, Map<String, String> labelSelector) throws IntegrationFailure {
        sent.add("pods " + namespace);
        return inner.pods(namespace, labelSelector);
      }

      @Override
      public List<ClusterEvent> events(String namespace, String involvedName) throws IntegrationFailure {
        sent.add("events " + namespace);
        return inner.events(namespace, involvedName);
      }
    };
  }
}
