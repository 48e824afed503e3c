package dev.vigil.engine.internal;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.ChangeType;
import dev.vigil.core.change.ChangedCommit;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.FileChange;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.port.ChangeSource;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of {@code StepContext.changes}: whether an agent may use a git or github
 * integration at all, the {@code github:read} repository scope checked before the source is
 * called, and the audit of every read. The connection stands in for the JGit and GitHub sources,
 * which have their own tests in vigil-integrations.
 */
class ChangeGrantTest {
  private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
  private static final CommitSha BASE = CommitSha.of("8f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d");
  private static final CommitSha HEAD = CommitSha.of("c0ffee5eed1234567890abcdef1234567890abcd");
  private static Database database;

  private final MutableClock clock = new MutableClock(T0);
  private final String github = "github-" + UUID.randomUUID().toString().substring(0, 8);
  private final RecordingConnections connections = new RecordingConnections();

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

  private static ScriptedTaskKind comparing(String integration, String repository) {
    return new ScriptedTaskKind("compare-" + UUID.randomUUID().toString().substring(0, 6)).step("read", ctx -> {
      try {
        Changeset changes = ctx.changes(integration).changeset(repository, BASE, HEAD);
        return StepOutcome.done(Map.of("files", changes.files().size()));
      } catch (IntegrationFailure f) {
        throw f.retryable() ? StepFailure.retryable(f.getMessage(), f) : StepFailure.permanent(f.getMessage());
      }
    });
  }

  private RunId run(EngineParts parts, ScriptedTaskKind kind, String agentName, List<Grant> grants) {
    Agent agent = parts.save(new Agent(new AgentId(agentName), "", "", List.of(), grants,
        List.of(), List.of(new TaskSpec("work", kind.name(), Map.of(), null, true)), List.of(), false));
    RunId id = parts.launch(agent, "work");
    parts.advancer.advance(id);
    return id;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private IntegrationConfig gitHub(List<String> agents) {
    return new IntegrationConfig(github, IntegrationType.GITHUB, agents, Map.of("url", "https://api.github.com"),
        Map.of());
  }

  @Test
  void an_allowed_read_is_audited_with_repository_commits_and_result() {
    connections.add(gitHub(List.of()));
    ScriptedTaskKind kind = comparing(github, "acme/shop");
    EngineParts parts = parts(kind);
    String name = unique("reader");

    RunId id = run(parts, kind, name, List.of(new Grant(github, "github:read", List.of("acme/shop"))));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(connections.sent).containsExactly("acme/shop");
    assertThat(connections.workspaces).singleElement().asString().contains(name);
    assertThat(parts.audit.list(name, 10)).singleElement().satisfies(e -> {
      assertThat(e.actor()).isEqualTo(name);
      assertThat(e.run()).isEqualTo(id.value());
      assertThat(e.integration()).isEqualTo(github);
      assertThat(e.operation()).isEqualTo("github:compare");
      assertThat(e.target()).isEqualTo("acme/shop " + BASE + "..." + HEAD);
      assertThat(e.result()).isEqualTo("ok: 1 commits, 1 files");
    });
  }

  @Test
  void a_repository_outside_the_grant_fails_the_step_unsent_and_audited() {
    connections.add(gitHub(List.of()));
    ScriptedTaskKind kind = comparing(github, "acme/payroll");
    EngineParts parts = parts(kind);
    String name = unique("snooper");

    RunId id = run(parts, kind, name, List.of(new Grant(github, "github:read", List.of("acme/shop"))));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(parts.run(id).error()).contains("may not read 'acme/payroll' through '" + github + "'");
    assertThat(connections.sent).isEmpty();
    assertThat(parts.audit.list(name, 10)).singleElement().satisfies(e -> {
      assertThat(e.operation()).isEqualTo("github:compare");
      assertThat(e.target()).startsWith("acme/payroll ");
      assertThat(e.result()).isEqualTo("denied: repository 'acme/payroll' is outside the github:read scope");
    });
  }

  @Test
  void an_agent_without_a_github_read_grant_is_denied_before_anything_is_opened() {
    connections.add(gitHub(List.of()));
    ScriptedTaskKind kind = comparing(github, "acme/shop");
    EngineParts parts = parts(kind);
    String name = unique("ungranted");

    RunId id = run(parts, kind, name, List.of(new Grant(github, "metrics:read", List.of()),
        new Grant("other-github", "github:read", List.of())));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(parts.run(id).error()).contains("the agent holds no github:read grant on it");
    assertThat(connections.opened).isZero();
    assertThat(parts.audit.list(name, 10)).extracting(AuditEntry::result).singleElement().asString()
        .startsWith("denied: the agent holds no github:read grant");
  }

  @Test
  void an_integration_reserved_for_another_agent_or_of_another_type_is_denied() {
    String owner = unique("owner");
    connections.add(gitHub(List.of(owner)));
    ScriptedTaskKind kind = comparing(github, "acme/shop");
    EngineParts parts = parts(kind);
    String intruder = unique("intruder");
    RunId id = run(parts, kind, intruder, List.of(new Grant(github, "github:read", List.of())));
    assertThat(parts.run(id).error()).contains("it is reserved for the agents [" + owner + "]");

    String prom = unique("prom");
    connections.add(new IntegrationConfig(prom, IntegrationType.PROMETHEUS, List.of(), Map.of("url", "http://p:9090"),
        Map.of()));
    ScriptedTaskKind wrong = comparing(prom, "acme/shop");
    EngineParts parts2 = parts(wrong);
    String confused = unique("confused");
    RunId id2 = run(parts2, wrong, confused, List.of(new Grant(prom, "github:read", List.of())));
    assertThat(parts2.run(id2).error()).contains("it is a prometheus integration, not git or github");
    assertThat(connections.opened).isZero();
    assertThat(parts2.audit.list(confused, 10)).extracting(AuditEntry::operation).containsExactly("github:read");
  }

  @Test
  void an_unreachable_remote_is_audited_as_an_error_and_the_step_retries() {
    connections.add(gitHub(List.of()));
    connections.down = true;
    ScriptedTaskKind kind = comparing(github, "acme/shop");
    EngineParts parts = parts(kind);
    String name = unique("patient");

    RunId id = run(parts, kind, name, List.of(new Grant(github, "github:read", List.of())));

    assertThat(parts.run(id).status()).isNotIn(RunStatus.FAILED, RunStatus.SUCCEEDED);
    assertThat(parts.audit.list(name, 10)).extracting(AuditEntry::result)
        .containsExactly("error: unavailable: rate limited; retry after 60s");
  }

  /** Connections whose repositories all hold one commit changing one file. */
  private static final class RecordingConnections extends FakeIntegrationConnections {
    final List<Path> workspaces = new CopyOnWriteArrayList<>();

    @Override
    public ChangeSource changes(IntegrationConfig integration, Path workspace) {
      opened++;
      workspaces.add(workspace);
      return new ChangeSource() {
        @Override
        public String integration() {
          return integration.name();
        }

        @Override
        public Changeset changeset(String repository, CommitSha base, CommitSha head, ChangeLimits limits)
            throws IntegrationFailure {
          if (down) {
            throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, "rate limited; retry after 60s", 60, null);
          }
          sent.add(repository);
          return new Changeset(repository, base, head,
              List.of(new ChangedCommit(head, "Ada", "ada@example.com", T0, "Raise pool size")),
              List.of(new FileChange("config/pool.yaml", null, ChangeType.MODIFIED, 1, 1, false, "", false)),
              List.of(), false);
        }
      };
    }
  }
}
