package dev.vigil.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.CommitStatus;
import dev.vigil.core.change.DeploymentStatus;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.paging.Page;
import dev.vigil.core.port.AlertSource;
import dev.vigil.core.port.Pager;
import dev.vigil.core.port.StatusPublisher;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.task.StepContext;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of {@code StepContext.alerts}, {@code paging} and {@code statuses}: whether an
 * agent may use the integration at all, the per-call grant checks the engine makes itself
 * (alerts:silence, github:write repositories) and the audit of every call, allowed or denied. The
 * connections stand in for the real ones (tested on a real Alertmanager, the PagerDuty fake and the
 * GitHub fake in vigil-integrations); the alert source refuses filters outside the agent's
 * {@code namespace} scope as DENIED without sending, as the real scope does.
 */
class AlertPagerStatusGrantTest {
  private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
  private static final String SHA = "c0ffee5eed1234567890abcdef1234567890abcd";
  private static Database database;

  private final MutableClock clock = new MutableClock(T0);
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String am = "am-" + suffix;
  private final String pd = "pd-" + suffix;
  private final String gh = "gh-" + suffix;
  private final StandInConnections connections = new StandInConnections();

  @BeforeAll
  static void open() {
    database = TestDatabases.h2();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  /** A step body that may fail with an integration failure, turned into a step failure as a task kind would. */
  @FunctionalInterface
  private interface Body {
    Map<String, Object> run(StepContext ctx) throws IntegrationFailure;
  }

  private RunId run(Body body, String agentName, Grant... grants) {
    ScriptedTaskKind kind = new ScriptedTaskKind("ops-" + UUID.randomUUID().toString().substring(0, 6))
        .step("act", ctx -> {
          try {
            return StepOutcome.done(body.run(ctx));
          } catch (IntegrationFailure f) {
            throw f.retryable() ? StepFailure.retryable(f.getMessage(), f) : StepFailure.permanent(f.getMessage());
          }
        });
    EngineParts parts = new EngineParts(database, clock, new RecordingChatChannel("chat"), new StubHttpProbe(),
        connections, kind);
    Agent agent = parts.save(new Agent(new AgentId(agentName), "", "", List.of(), List.of(grants), List.of(),
        List.of(new TaskSpec("work", kind.name(), Map.of(), null, true)), List.of(), false));
    RunId id = parts.launch(agent, "work");
    parts.advancer.advance(id);
    lastParts = parts;
    return id;
  }

  private EngineParts lastParts;

  private RunStatus status(RunId id) {
    return lastParts.run(id).status();
  }

  private String error(RunId id) {
    return lastParts.run(id).error();
  }

  private List<AuditEntry> audit(String agent) {
    List<AuditEntry> entries = new ArrayList<>(lastParts.audit.list(agent, 20));
    entries.sort(java.util.Comparator.comparing(AuditEntry::operation));
    return entries;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void configure() {
    connections.add(new IntegrationConfig(am, IntegrationType.ALERTMANAGER, List.of(),
        Map.of("url", "http://am.local:9093"), Map.of()));
    connections.add(new IntegrationConfig(pd, IntegrationType.PAGERDUTY, List.of(), Map.of(), Map.of()));
    connections.add(new IntegrationConfig(gh, IntegrationType.GITHUB, List.of(), Map.of(), Map.of()));
  }

  // ---------------------------------------------------------------- alerts

  @Test
  void an_alert_read_is_audited_with_the_filter_as_sent_inside_the_scope() {
    configure();
    String name = unique("reader");

    RunId id = run(ctx -> Map.of("alerts", ctx.alerts(am).alerts(List.of(LabelMatcher.equal("alertname", "Slow")))
        .size()), name, new Grant(am, "alerts:read", List.of("{namespace=\"payments\"}")));

    assertThat(status(id)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(connections.sent).containsExactly("alerts {alertname=\"Slow\", namespace=\"payments\"}");
    assertThat(audit(name)).singleElement().satisfies(e -> {
      assertThat(e.integration()).isEqualTo(am);
      assertThat(e.operation()).isEqualTo("alerts:list");
      assertThat(e.target()).isEqualTo("{alertname=\"Slow\", namespace=\"payments\"}");
      assertThat(e.result()).isEqualTo("ok: 1 alerts");
    });
  }

  @Test
  void an_alert_filter_outside_the_scope_fails_the_step_unsent_and_audited() {
    configure();
    String name = unique("snooper");

    RunId id = run(ctx -> Map.of("alerts", ctx.alerts(am).alerts(List.of(LabelMatcher.equal("namespace", "search")))
        .size()), name, new Grant(am, "alerts:read", List.of("{namespace=\"payments\"}")));

    assertThat(status(id)).isEqualTo(RunStatus.FAILED);
    assertThat(error(id)).contains("may not read alerts through '" + am + "'", "outside the alerts:read scope");
    assertThat(connections.sent).isEmpty();
    assertThat(audit(name)).singleElement().satisfies(e -> {
      assertThat(e.target()).isEqualTo("{namespace=\"search\"}");
      assertThat(e.result()).startsWith("denied: filter namespace=\"search\"");
    });
  }

  @Test
  void creating_a_silence_needs_alerts_silence_and_is_audited_either_way() {
    configure();
    SilenceRequest request = new SilenceRequest(List.of(LabelMatcher.equal("namespace", "payments")), T0,
        T0.plus(Duration.ofHours(1)), "vigil", "deploy in progress");
    String readOnly = unique("read-only");
    RunId denied = run(ctx -> Map.of("id", ctx.alerts(am).createSilence(request)), readOnly,
        new Grant(am, "alerts:read", List.of("{namespace=\"payments\"}")));
    assertThat(status(denied)).isEqualTo(RunStatus.FAILED);
    assertThat(error(denied)).contains("may not silence alerts through '" + am + "'", "alerts:silence");
    assertThat(audit(readOnly)).singleElement().satisfies(e -> {
      assertThat(e.operation()).isEqualTo("alerts:create-silence");
      assertThat(e.target()).isEqualTo("{namespace=\"payments\"} until 2026-05-04T10:00:00Z");
      assertThat(e.result()).isEqualTo("denied: the agent holds no alerts:silence grant on it");
    });
    assertThat(connections.sent).isEmpty();

    String silencer = unique("silencer");
    RunId allowed = run(ctx -> {
      AlertSource alerts = ctx.alerts(am);
      String created = alerts.createSilence(request);
      alerts.expireSilence(created);
      return Map.of("id", created);
    }, silencer, new Grant(am, "alerts:read", List.of("{namespace=\"payments\"}")), new Grant(am, "alerts:silence",
        List.of()));
    assertThat(status(allowed)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(audit(silencer)).extracting(AuditEntry::operation, AuditEntry::result).containsExactly(
        org.assertj.core.groups.Tuple.tuple("alerts:create-silence", "ok: silence 5ea1ed00-0000-4000-8000-000000000001"),
        org.assertj.core.groups.Tuple.tuple("alerts:expire-silence", "ok: expired"));
  }

  @Test
  void an_agent_without_alerts_read_or_on_another_type_is_denied_before_anything_is_opened() {
    configure();
    String name = unique("ungranted");
    RunId id = run(ctx -> Map.of("n", ctx.alerts(am).silences().size()), name,
        new Grant(am, "alerts:silence", List.of()));
    assertThat(error(id)).contains("the agent holds no alerts:read grant on it");

    String confused = unique("confused");
    RunId wrong = run(ctx -> Map.of("n", ctx.alerts(pd).silences().size()), confused,
        new Grant(pd, "alerts:read", List.of()));
    assertThat(error(wrong)).contains("it is a pagerduty integration, not alertmanager");
    assertThat(connections.opened).isZero();
  }

  // ---------------------------------------------------------------- paging

  @Test
  void pages_are_audited_with_their_dedup_key_and_need_pager_trigger() {
    configure();
    String name = unique("pager");
    RunId id = run(ctx -> {
      Pager pager = ctx.paging(pd);
      String key = pager.trigger(Page.of("checkout p99 3x baseline", "checkout", Page.Severity.CRITICAL, "dw/4f2a"));
      pager.resolve(key);
      return Map.of("key", key);
    }, name, new Grant(pd, "pager:trigger", List.of()));

    assertThat(status(id)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(connections.sent).containsExactly("trigger dw/4f2a", "resolve dw/4f2a");
    assertThat(audit(name)).extracting(AuditEntry::operation, AuditEntry::target, AuditEntry::result).containsExactly(
        org.assertj.core.groups.Tuple.tuple("pager:resolve", "dw/4f2a", "ok: resolved"),
        org.assertj.core.groups.Tuple.tuple("pager:trigger", "dw/4f2a critical: checkout p99 3x baseline",
            "ok: dedup key dw/4f2a"));

    String quiet = unique("quiet");
    RunId denied = run(ctx -> Map.of("key", ctx.paging(pd).trigger(Page.of("x", "y", Page.Severity.INFO, null))), quiet,
        new Grant(pd, "chat:post", List.of()));
    assertThat(error(denied)).contains("may not page through '" + pd + "'", "no pager:trigger grant");
    assertThat(audit(quiet)).extracting(AuditEntry::result).singleElement().asString().startsWith("denied:");
  }

  @Test
  void an_unreachable_pager_is_audited_as_an_error_and_the_step_retries() {
    configure();
    connections.down = true;
    String name = unique("patient");

    RunId id = run(ctx -> Map.of("key", ctx.paging(pd).trigger(Page.of("x", "y", Page.Severity.ERROR, "k"))), name,
        new Grant(pd, "pager:trigger", List.of()));

    assertThat(status(id)).isNotIn(RunStatus.FAILED, RunStatus.SUCCEEDED);
    assertThat(audit(name)).extracting(AuditEntry::result).containsExactly("error: unavailable: HTTP 503");
  }

  // ---------------------------------------------------------------- statuses

  @Test
  void statuses_are_written_only_to_granted_repositories_and_audited() {
    configure();
    String name = unique("judge");
    RunId id = run(ctx -> {
      StatusPublisher statuses = ctx.statuses(gh);
      statuses.commitStatus("acme/shop", CommitSha.of(SHA), new CommitStatus(CommitStatus.State.FAILURE,
          "vigil/deploy-watch", "p99 3x baseline", Optional.empty()));
      statuses.deploymentStatus("acme/shop", 42, DeploymentStatus.of(DeploymentStatus.State.FAILURE, "rolled back"));
      return Map.of();
    }, name, new Grant(gh, "github:write", List.of("acme/shop")));
    assertThat(status(id)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(connections.sent).containsExactly("commit acme/shop " + SHA, "deployment acme/shop 42");
    assertThat(audit(name)).extracting(AuditEntry::operation, AuditEntry::target, AuditEntry::result).containsExactly(
        org.assertj.core.groups.Tuple.tuple("github:commit-status", "acme/shop@" + SHA + " vigil/deploy-watch",
            "ok: failure"),
        org.assertj.core.groups.Tuple.tuple("github:deployment-status", "acme/shop deployment 42", "ok: failure"));

    connections.sent.clear();
    String snooper = unique("snooper");
    RunId denied = run(ctx -> {
      ctx.statuses(gh).deploymentStatus("acme/payroll", 7, DeploymentStatus.of(DeploymentStatus.State.SUCCESS, ""));
      return Map.of();
    }, snooper, new Grant(gh, "github:write", List.of("acme/shop")), new Grant(gh, "github:read", List.of()));
    assertThat(error(denied)).contains("may not write to 'acme/payroll' through '" + gh + "'");
    assertThat(connections.sent).isEmpty();
    assertThat(audit(snooper)).singleElement().satisfies(e -> assertThat(e.result())
        .isEqualTo("denied: repository 'acme/payroll' is outside the github:write scope"));
  }

  @Test
  void statuses_need_github_write_on_a_github_integration() {
    configure();
    String name = unique("reader");
    RunId id = run(ctx -> {
      ctx.statuses(gh);
      return Map.of();
    }, name, new Grant(gh, "github:read", List.of()));
    assertThat(error(id)).contains("may not write statuses through '" + gh + "'", "no github:write grant");

    RunId wrong = run(ctx -> {
      ctx.statuses(am);
      return Map.of();
    }, name, new Grant(am, "github:write", List.of()));
    assertThat(error(wrong)).contains("it is a alertmanager integration, not github");
    assertThat(connections.opened).isZero();
  }

  /**
   * Connections whose alert manager holds one alert in any namespace its scope allows, whose pager
   * answers with the dedup key, and whose publisher accepts every status. The alert scope is the
   * namespace of a single {@code {namespace="..."}} entry, enough for these tests.
   */
  private static final class StandInConnections extends FakeIntegrationConnections {
    @Override
    public AlertSource alerts(IntegrationConfig integration, List<Grant> grants, UnaryOperator<AlertSource> outbound) {
      opened++;
      Optional<String> namespace = grants.stream()
          .filter(g -> g.integration().equals(integration.name()) && g.permission().equals("alerts:read"))
          .flatMap(g -> g.scope().stream()).findFirst().map(s -> s.replaceAll(".*\"(.*)\".*", "$1"));
      AlertSource store = outbound.apply(new AlertSource() {
        @Override
        public String integration() {
          return integration.name();
        }

        @Override
        public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited) {
          sent.add("alerts {" + String.join(", ", filter.stream().map(LabelMatcher::toString).toList()) + "}");
          return List.of(new Alert(new TreeMap<>(Map.of("alertname", "Slow", "namespace", "payments")), Map.of(), T0,
              Optional.empty(), "f00d", "active", List.of(), List.of(), List.of(), Optional.empty()));
        }

        @Override
        public List<Silence> silences() {
          sent.add("silences");
          return List.of();
        }

        @Override
        public String createSilence(SilenceRequest request) {
          sent.add("create " + request.matchers());
          return "5ea1ed00-0000-4000-8000-000000000001";
        }

        @Override
        public void expireSilence(String id) {
          sent.add("expire " + id);
        }
      });
      return new AlertSource() {
        @Override
        public String integration() {
          return store.integration();
        }

        @Override
        public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited)
            throws IntegrationFailure {
          List<LabelMatcher> scoped = new ArrayList<>(filter);
          if (namespace.isPresent()) {
            for (LabelMatcher m : filter) {
              if (m.name().equals("namespace") && !m.value().equals(namespace.get())) {
                throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "filter " + m
                    + " asks for alerts outside the alerts:read scope");
              }
            }
            scoped.add(LabelMatcher.equal("namespace", namespace.get()));
          }
          return store.alerts(scoped, includeSilenced, includeInhibited);
        }

        @Override
        public List<Silence> silences() throws IntegrationFailure {
          return store.silences();
        }

        @Override
        public String createSilence(SilenceRequest request) throws IntegrationFailure {
          return store.createSilence(request);
        }

        @Override
        public void expireSilence(String id) throws IntegrationFailure {
          store.expireSilence(id);
        }
      };
    }

    @Override
    public Pager pager(IntegrationConfig integration) {
      opened++;
      return new Pager() {
        @Override
        public String integration() {
          return integration.name();
        }

        @Override
        public String trigger(Page page) throws IntegrationFailure {
          return send("trigger", page.dedupKey().orElse("generated"));
        }

        @Override
        public void acknowledge(String dedupKey) throws IntegrationFailure {
          send("acknowledge", dedupKey);
        }

        @Override
        public void resolve(String dedupKey) throws IntegrationFailure {
          send("resolve", dedupKey);
        }

        private String send(String action, String key) throws IntegrationFailure {
          if (down) {
            throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, "HTTP 503");
          }
          sent.add(action + " " + key);
          return key;
        }
      };
    }

    @Override
    public StatusPublisher statuses(IntegrationConfig integration) {
      opened++;
      return new StatusPublisher() {
        @Override
        public String integration() {
          return integration.name();
        }

        @Override
        public void commitStatus(String repository, CommitSha sha, CommitStatus status) {
          sent.add("commit " + repository + " " + sha.value());
        }

        @Override
        public void deploymentStatus(String repository, long deploymentId, DeploymentStatus status) {
          sent.add("deployment " + repository + " " + deploymentId);
        }
      };
    }
  }
}
