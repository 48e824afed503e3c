package dev.vigil.engine.internal;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.Sample;
import dev.vigil.core.metrics.Series;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of {@code StepContext.metrics}: whether an agent may use an integration at all,
 * and the audit of every call with the query as the connection sent it. The connection here stands
 * in for the Prometheus one (whose scoping runs on a real Prometheus in vigil-integrations): it
 * rewrites each query the way a scope would and refuses one naming another namespace.
 */
class MetricGrantTest {
  private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
  private static Database database;

  private final MutableClock clock = new MutableClock(T0);
  private final String prom = "prom-" + UUID.randomUUID().toString().substring(0, 8);
  private final RewritingConnections connections = new RewritingConnections();

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

  private static ScriptedTaskKind querying(String integration, String promql) {
    return new ScriptedTaskKind("reads-" + UUID.randomUUID().toString().substring(0, 6)).step("read", ctx -> {
      try {
        QueryResult result = ctx.metrics(integration).query(promql, ctx.now());
        return StepOutcome.done(Map.of("series", ((QueryResult.Vector) result).series().size()));
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

  @Test
  void an_allowed_query_is_audited_with_the_query_as_sent_and_its_result() {
    connections.add(new IntegrationConfig(prom, IntegrationType.PROMETHEUS, List.of(), Map.of("url", "http://p:9090"), Map.of()));
    ScriptedTaskKind kind = querying(prom, "up");
    EngineParts parts = parts(kind);
    String name = unique("reader");

    RunId id = run(parts, kind, name, List.of(new Grant(prom, "metrics:read", List.of("{namespace=\"payments\"}"))));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(connections.sent).containsExactly("up{namespace=\"payments\"}");
    assertThat(parts.audit.list(name, 10)).singleElement().satisfies(e -> {
      assertThat(e.integration()).isEqualTo(prom);
      assertThat(e.operation()).isEqualTo("metrics:query");
      assertThat(e.target()).isEqualTo("up{namespace=\"payments\"}");
      assertThat(e.result()).isEqualTo("ok: 1 series");
      assertThat(e.run()).isEqualTo(id.value());
    });
  }

  @Test
  void a_query_outside_the_scope_fails_the_step_as_denied_and_is_audited_as_asked() {
    connections.add(new IntegrationConfig(prom, IntegrationType.PROMETHEUS, List.of(), Map.of("url", "http://p:9090"), Map.of()));
    ScriptedTaskKind kind = querying(prom, "up{namespace=\"billing\"}");
    EngineParts parts = parts(kind);
    String name = unique("snooper");

    RunId id = run(parts, kind, name, List.of(new Grant(prom, "metrics:read", List.of("{namespace=\"payments\"}"))));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(parts.run(id).error()).startsWith("step 'read': denied: agent '" + name + "' may not read through '"
        + prom + "': selector up{namespace=\"billing\"} asks for");
    assertThat(connections.sent).isEmpty();
    assertThat(parts.audit.list(name, 10)).singleElement().satisfies(e -> {
      assertThat(e.target()).isEqualTo("up{namespace=\"billing\"}");
      assertThat(e.result()).startsWith("denied: selector");
    });
  }

  @Test
  void an_agent_without_a_metrics_grant_on_the_integration_is_denied_before_anything_is_opened() {
    connections.add(new IntegrationConfig(prom, IntegrationType.PROMETHEUS, List.of(), Map.of("url", "http://p:9090"), Map.of()));
    ScriptedTaskKind kind = querying(prom, "up");
    EngineParts parts = parts(kind);
    String name = unique("ungranted");

    RunId id = run(parts, kind, name, List.of(new Grant("other-prom", "metrics:read", List.of()),
        new Grant(prom, "alerts:read", List.of())));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(parts.run(id).error()).contains("may not read metrics through '" + prom
        + "': the agent holds no metrics:read grant on it");
    assertThat(connections.opened).isZero();
    assertThat(parts.audit.list(name, 10)).extracting(AuditEntry::result)
        .singleElement().asString().startsWith("denied: the agent holds no metrics:read grant");
  }

  @Test
  void an_integration_reserved_for_another_agent_is_denied_even_with_a_grant() {
    String owner = unique("owner");
    connections.add(new IntegrationConfig(prom, IntegrationType.PROMETHEUS, List.of(owner), Map.of("url", "http://p:9090"),
        Map.of()));
    ScriptedTaskKind kind = querying(prom, "up");
    EngineParts parts = parts(kind);
    String intruder = unique("intruder");

    RunId id = run(parts, kind, intruder, List.of(new Grant(prom, "metrics:read", List.of())));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(parts.run(id).error()).contains("it is reserved for the agents [" + owner + "]");
    assertThat(connections.opened).isZero();
    assertThat(parts.audit.list(intruder, 10)).extracting(AuditEntry::result)
        .containsExactly("denied: it is reserved for the agents [" + owner + "]");
  }

  @Test
  void unknown_integrations_and_ones_of_another_type_are_denied_with_the_reason() {
    String slack = unique("slack");
    connections.add(new IntegrationConfig(slack, IntegrationType.SLACK, List.of(), Map.of(), Map.of()));
    ScriptedTaskKind wrongType = querying(slack, "up");
    EngineParts parts = parts(wrongType);
    String name = unique("confused");
    RunId id = run(parts, wrongType, name, List.of(new Grant(slack, "metrics:read", List.of())));
    assertThat(parts.run(id).error()).contains("it is a slack integration, not prometheus");

    ScriptedTaskKind unknown = querying("nowhere", "up");
    EngineParts parts2 = parts(unknown);
    String name2 = unique("lost");
    RunId id2 = run(parts2, unknown, name2, List.of(new Grant("nowhere", "metrics:read", List.of())));
    assertThat(parts2.run(id2).error()).contains("no integration named 'nowhere' is configured");
    assertThat(parts2.audit.list(name2, 10)).extracting(AuditEntry::operation).containsExactly("metrics:read");
  }

  @Test
  void a_store_that_is_down_is_audited_as_an_error_and_the_step_retries() {
    connections.add(new IntegrationConfig(prom, IntegrationType.PROMETHEUS, List.of(), Map.of("url", "http://p:9090"), Map.of()));
    connections.down = true;
    ScriptedTaskKind kind = querying(prom, "up");
    EngineParts parts = parts(kind);
    String name = unique("patient");

    RunId id = run(parts, kind, name, List.of(new Grant(prom, "metrics:read", List.of())));

    assertThat(parts.run(id).status()).isNotIn(RunStatus.FAILED, RunStatus.SUCCEEDED);
    assertThat(parts.audit.list(name, 10)).extracting(AuditEntry::result)
        .containsExactly("error: unavailable: connection refused");
  }

  /** A source that only answers instant queries, which is all these steps ask. */
  private abstract static class QueryOnly implements MetricSource {
    private final String integration;

    QueryOnly(String integration) {
      this.integration = integration;
    }

    @Override
    public String integration() {
      return integration;
    }

    @Override
    public QueryResult queryRange(String promql, TimeRange range, Duration step) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Labels> series(List<String> selectors, TimeRange range) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> labelNames(List<String> selectors, TimeRange range) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> labelValues(String label, List<String> selectors, TimeRange range) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * Connections whose "store" answers one series for any query, and whose scope is the grants'
   * single {@code namespace} matcher, added to a bare metric name (enough for these queries).
   */
  private static final class RewritingConnections extends FakeIntegrationConnections {

    @Override
    public MetricSource metrics(IntegrationConfig integration, List<Grant> grants, UnaryOperator<MetricSource> outbound) {
      opened++;
      String scope = grants.stream().filter(g -> g.integration().equals(integration.name()))
          .flatMap(g -> g.scope().stream()).findFirst().orElse("");
      MetricSource store = outbound.apply(new QueryOnly(integration.name()) {
        @Override
        public QueryResult query(String promql, Instant time) throws IntegrationFailure {
          if (down) throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, "connection refused");
          sent.add(promql);
          return new QueryResult.Vector(List.of(new Series(Labels.of("__name__", "up"),
              List.of(new Sample(time, 1)))), List.of());
        }

      });
      return new QueryOnly(integration.name()) {
        @Override
        public QueryResult query(String promql, Instant time) throws IntegrationFailure {
          if (scope.isEmpty()) return store.query(promql, time);
          if (promql.contains("{")) {
            throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "selector " + promql + " asks for a namespace outside " + scope);
          }
          return store.query(promql + scope, time);
        }

      };
    }
  }
}
