package dev.vigil.engine.internal;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.cluster.ClusterEvent;
import dev.vigil.core.cluster.Pod;
import dev.vigil.core.cluster.ReplicaSet;
import dev.vigil.core.cluster.RolloutStatus;
import dev.vigil.core.cluster.Workload;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.port.ClusterReader;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.engine.testing.EngineParts;
import dev.vigil.engine.testing.FakeIntegrationConnections;
import dev.vigil.engine.testing.RecordingChatChannel;
import dev.vigil.engine.testing.ScriptedTaskKind;
import dev.vigil.engine.testing.StubHttpProbe;
import dev.vigil.store.Database;
import dev.vigil.store.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of {@code StepContext.cluster}: whether an agent may use a kubernetes
 * integration at all, and the audit of every call with its namespace and object. The connection
 * stands in for the fabric8 one (whose namespace scope runs against fabric8's mock API server in
 * vigil-integrations): it refuses namespaces outside the grants' scopes as DENIED without sending.
 */
class ClusterGrantTest {
  private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
  private static Database database;

  private final MutableClock clock = new MutableClock(T0);
  private final String k8s = "k8s-" + UUID.randomUUID().toString().substring(0, 8);
  private final NamespacedConnections connections = new NamespacedConnections();

  @BeforeAll
  static void open() {
    database = TestDatabases.h2();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private EngineParts parts(ScriptedTaskKind kind) {
    return new EngineParts(database, clock, new RecordingChatChannel("chat"), new StubHttpProbe(), connections, kind);
  }

  private static ScriptedTaskKind watching(String integration, String namespace, String deployment) {
    return new ScriptedTaskKind("watch-" + UUID.randomUUID().toString().substring(0, 6)).step("read", ctx -> {
      try {
        RolloutStatus status = ctx.cluster(integration).rolloutStatus(namespace, deployment);
        return StepOutcome.done(Map.of("state", status.state().name()));
      } catch (IntegrationFailure f) {
        throw f.retryable() ? StepFailure.retryable(f.getMessage(), f) : StepFailure.permanent(f.getMessage());
      }
    });
  }

  private RunId run(EngineParts parts, ScriptedTaskKind kind, String agentName, List<Grant> grants) {
    Agent agent = parts.save(new Agent(new dev.vigil.core.agent.AgentId(agentName), "", "", List.of(), grants,
        List.of(), List.of(new TaskSpec("work", kind.name(), Map.of(), null, true)), List.of(), false));
    RunId id = parts.launch(agent, "work");
    parts.advancer.advance(id);
    return id;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private IntegrationConfig kubernetes(List<String> agents) {
    return new IntegrationConfig(k8s, IntegrationType.KUBERNETES, agents, Map.of("url", "https://k8s.local:6443"),
        Map.of());
  }

  @Test
  void an_allowed_read_is_audited_with_namespace_object_and_result() {
    connections.add(kubernetes(List.of()));
    ScriptedTaskKind kind = watching(k8s, "payments", "checkout");
    EngineParts parts = parts(kind);
    String name = unique("watcher");

    RunId id = run(parts, kind, name, List.of(new Grant(k8s, "k8s:read", List.of("payments"))));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(connections.sent).containsExactly("payments/checkout");
    assertThat(parts.audit.list(name, 10)).singleElement().satisfies(e -> {
      assertThat(e.actor()).isEqualTo(name);
      assertThat(e.run()).isEqualTo(id.value());
      assertThat(e.integration()).isEqualTo(k8s);
      assertThat(e.operation()).isEqualTo("k8s:rollout-status");
      assertThat(e.target()).isEqualTo("payments/checkout");
      assertThat(e.result()).isEqualTo("ok: complete");
    });
  }

  @Test
  void a_namespace_outside_the_grant_fails_the_step_as_denied_unsent_and_audited() {
    connections.add(kubernetes(List.of()));
    ScriptedTaskKind kind = watching(k8s, "search", "indexer");
    EngineParts parts = parts(kind);
    String name = unique("snooper");

    RunId id = run(parts, kind, name, List.of(new Grant(k8s, "k8s:read", List.of("payments"))));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(parts.run(id).error()).contains("may not read through '" + k8s + "'")
        .contains("namespace 'search' is outside");
    assertThat(connections.sent).isEmpty();
    assertThat(parts.audit.list(name, 10)).singleElement().satisfies(e -> {
      assertThat(e.operation()).isEqualTo("k8s:rollout-status");
      assertThat(e.target()).isEqualTo("search/indexer");
      assertThat(e.result()).startsWith("denied: namespace 'search' is outside");
    });
  }

  @Test
  void an_agent_without_a_k8s_grant_is_denied_before_anything_is_opened() {
    connections.add(kubernetes(List.of()));
    ScriptedTaskKind kind = watching(k8s, "payments", "checkout");
    EngineParts parts = parts(kind);
    String name = unique("ungranted");

    RunId id = run(parts, kind, name, List.of(new Grant(k8s, "metrics:read", List.of()),
        new Grant("other-k8s", "k8s:read", List.of())));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(parts.run(id).error()).contains("the agent holds no k8s:read grant on it");
    assertThat(connections.opened).isZero();
    assertThat(parts.audit.list(name, 10)).extracting(AuditEntry::result).singleElement().asString()
        .startsWith("denied: the agent holds no k8s:read grant");
  }

  @Test
  void an_integration_reserved_for_another_agent_or_of_another_type_is_denied() {
    String owner = unique("owner");
    connections.add(kubernetes(List.of(owner)));
    ScriptedTaskKind kind = watching(k8s, "payments", "checkout");
    EngineParts parts = parts(kind);
    String intruder = unique("intruder");
    RunId id = run(parts, kind, intruder, List.of(new Grant(k8s, "k8s:read", List.of())));
    assertThat(parts.run(id).error()).contains("it is reserved for the agents [" + owner + "]");

    String prom = unique("prom");
    connections.add(new IntegrationConfig(prom, IntegrationType.PROMETHEUS, List.of(), Map.of("url", "http://p:9090"),
        Map.of()));
    ScriptedTaskKind wrong = watching(prom, "payments", "checkout");
    EngineParts parts2 = parts(wrong);
    String confused = unique("confused");
    RunId id2 = run(parts2, wrong, confused, List.of(new Grant(prom, "k8s:read", List.of())));
    assertThat(parts2.run(id2).error()).contains("it is a prometheus integration, not kubernetes");
    assertThat(connections.opened).isZero();
    assertThat(parts2.audit.list(confused, 10)).extracting(AuditEntry::operation).containsExactly("k8s:read");
  }

  @Test
  void an_unreachable_api_server_is_audited_as_an_error_and_the_step_retries() {
    connections.add(kubernetes(List.of()));
    connections.down = true;
    ScriptedTaskKind kind = watching(k8s, "payments", "checkout");
    EngineParts parts = parts(kind);
    String name = unique("patient");

    RunId id = run(parts, kind, name, List.of(new Grant(k8s, "k8s:read", List.of())));

    assertThat(parts.run(id).status()).isNotIn(RunStatus.FAILED, RunStatus.SUCCEEDED);
    assertThat(parts.audit.list(name, 10)).extracting(AuditEntry::result)
        .containsExactly("error: unavailable: connection refused");
  }

  /** Connections whose cluster holds one complete deployment in any namespace the grants allow. */
  private static final class NamespacedConnections extends FakeIntegrationConnections {

    @Override
    public ClusterReader cluster(IntegrationConfig integration, List<Grant> grants,
        UnaryOperator<ClusterReader> outbound) {
      opened++;
      List<String> scope = grants.stream()
          .filter(g -> g.integration().equals(integration.name()) && g.permission().equals("k8s:read"))
          .flatMap(g -> g.scope().stream()).toList();
      return new ClusterReader() {
        @Override
        public String integration() {
          return integration.name();
        }

        @Override
        public Workload workload(String namespace, String name) throws IntegrationFailure {
          if (!scope.isEmpty() && !scope.contains(namespace)) {
            throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "namespace '" + namespace + "' is outside the k8s:read scope "
                + scope);
          }
          if (down) {
            throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, "connection refused");
          }
          sent.add(namespace + "/" + name);
          return new Workload(namespace, name, 2, 2, 2, 2, 2, List.of("img:1"), 3, 3, List.of(), Optional.empty());
        }

        @Override
        public List<Workload> workloads(String namespace) {
          throw new UnsupportedOperationException();
        }

        @Override
        public List<ReplicaSet> replicaSets(String namespace, String deployment) {
          throw new UnsupportedOperationException();
        }

        @Override
        public List<Pod> pods(String namespace, Map<String, String> labelSelector) {
          throw new UnsupportedOperationException();
        }

        @Override
        public List<ClusterEvent> events(String namespace, String involvedName) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }
}
