package dev.vigil.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.engine.testing.EngineParts;
import dev.vigil.engine.testing.RecordingChatChannel;
import dev.vigil.engine.testing.ScriptedTaskKind;
import dev.vigil.engine.testing.StubHttpProbe;
import dev.vigil.store.Database;
import dev.vigil.store.testing.TestDatabases;
import dev.vigil.tasks.digest.DigestTaskKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The digest task kind through the real engine and store: it reads other agents' findings only under a
 * {@code findings:read} grant, narrowed to the grant's services, and says in one post what was opened,
 * what is still open and what was resolved or dismissed in the period.
 */
class DigestTest {
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static Database database;
  private final MutableClock clock = new MutableClock(T0);
  private final String checkout = unique("checkout");
  private final String search = unique("search");

  @BeforeAll
  static void open() {
    database = TestDatabases.h2();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static FindingDraft draft(Severity severity, String service, String summary) {
    return new FindingDraft(severity, service, summary, List.of(new Evidence("up{service=\"" + service + "\"}",
        T0, T0.plusSeconds(60), "0", "1", Optional.empty())), List.of("look"), service + ":" + summary);
  }

  /** Files findings the way a checking agent does, through a run of its own. */
  private void fileFindings(EngineParts parts, ScriptedTaskKind reporter, List<FindingDraft> drafts) {
    Agent agent = parts.save(EngineParts.agent(List.of(), new TaskSpec("check", reporter.name(), Map.of(), null,
        true)));
    RunId run = parts.launch(agent, "check");
    parts.advancer.advance(run);
    assertThat(parts.run(run).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  private RunId digest(EngineParts parts, List<Grant> grants, List<String> services) {
    Agent agent = parts.save(EngineParts.agent(grants, new TaskSpec("morning", "digest", Map.of("channel", "#ops",
        "title", "Morning digest", "services", services), null, true)));
    RunId id = parts.launch(agent, "morning");
    parts.advancer.advance(id);
    return id;
  }

  private EngineParts setUp() {
    List<FindingDraft> drafts = List.of(draft(Severity.CRITICAL, checkout, "checkout fails 4% of requests"),
        draft(Severity.WARNING, search, "search p99 up 30%"), draft(Severity.WARNING, checkout, "pool filling"));
    ScriptedTaskKind reporter = new ScriptedTaskKind(unique("reporter")).step("check", ctx -> {
      drafts.forEach(ctx::report);
      return StepOutcome.done(Map.of());
    });
    EngineParts parts = new EngineParts(database, clock, new RecordingChatChannel("chat"), new StubHttpProbe(),
        reporter, new DigestTaskKind());
    fileFindings(parts, reporter, drafts);
    clock.advance(Duration.ofHours(2));
    Finding pool = parts.findings.list(new dev.vigil.core.port.FindingStore.Filter(checkout, Severity.WARNING, null,
        null), 10).getFirst();
    parts.findings.setStatus(pool.id(), FindingStatus.RESOLVED, "pool size raised", clock.instant());
    clock.advance(Duration.ofHours(1));
    return parts;
  }

  @Test
  void a_granted_digest_counts_new_open_and_resolved_findings_and_lists_the_open_ones_most_severe_first() {
    EngineParts parts = setUp();

    RunId id = digest(parts, List.of(new Grant("findings", "findings:read", List.of()),
        new Grant("chat", "chat:post", List.of("#ops"))), List.of(checkout, search));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(parts.step(id, 0).output()).containsEntry("opened", 3).containsEntry("open", 2);
    OutboxEntry post = parts.outbox.forRun(id).getFirst();
    assertThat(post.text()).startsWith("Morning digest, 2026-11-24T11:00:00Z (the last 24 h)")
        .contains("Findings: 3 new (1 critical, 2 warning), 2 open, 1 resolved, 0 marked false positive.")
        .containsSubsequence("- CRITICAL " + checkout + ": checkout fails 4% of requests",
            "- WARNING " + search + ": search p99 up 30%");
    assertThat(post.card()).hasValueSatisfying(card -> {
      assertThat(card.title()).isEqualTo("Morning digest: 2 open, 3 new, 0 deploys");
      assertThat(card.severity()).isEqualTo(Severity.CRITICAL);
    });
    // Every finding the grant allows is read (other tests' too: the database is shared); the digest's
    // services parameter narrows them afterwards.
    assertThat(parts.audit.list(parts.run(id).agent().value(), 10)).extracting(AuditEntry::result)
        .anyMatch(r -> r.matches("allowed: \\d+ findings"));
  }

  @Test
  void the_grant_scope_narrows_the_digest_to_its_services() {
    EngineParts parts = setUp();

    RunId id = digest(parts, List.of(new Grant("findings", "findings:read", List.of(search)),
        new Grant("chat", "chat:post", List.of("#ops"))), List.of(checkout, search));

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    String text = parts.outbox.forRun(id).getFirst().text();
    assertThat(text).contains(search).doesNotContain(checkout).contains("Findings: 1 new (1 warning), 1 open");
  }

  @Test
  void without_a_findings_grant_the_digest_fails_as_denied_and_the_attempt_is_audited() {
    EngineParts parts = setUp();

    RunId id = digest(parts, List.of(new Grant("chat", "chat:post", List.of("#ops"))), List.of());

    assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(parts.run(id).error()).contains("may not read findings: grant it {integration: findings,"
        + " permission: findings:read}");
    assertThat(parts.outbox.forRun(id)).isEmpty();
    assertThat(parts.audit.list(parts.run(id).agent().value(), 10)).extracting(AuditEntry::result)
        .contains("denied: no grant");
  }
}
