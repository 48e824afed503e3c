package dev.vigil.engine.internal;

import static dev.vigil.engine.testing.EngineParts.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.engine.testing.EngineParts;
import dev.vigil.engine.testing.RecordingChatChannel;
import dev.vigil.engine.testing.ScriptedTaskKind;
import dev.vigil.engine.testing.StubHttpProbe;
import dev.vigil.store.Database;
import dev.vigil.store.testing.TestDatabases;
import dev.vigil.tasks.deploywatch.DeployWatchTaskKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run sees the deploys that woke its task's other live runs ({@code StepContext.otherLiveRunEvents}), or
 * all its other runs ({@code otherRunEvents}), and its agent's false positives; and the deploy watch uses it: a newer deploy of the service ends the older watch as superseded, a
 * deploy told twice is watched once. Real engine on H2; the checks end before any metric is read.
 */
class DeployWatchSupersessionTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final String SHA_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String SHA_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  /** One database per test: its runs are then the only live ones. */
  private final Database database = TestDatabases.h2();
  private final MutableClock clock = new MutableClock(T0);
  private final RecordingChatChannel chat = new RecordingChatChannel("chat");

  @AfterEach
  void close() {
    database.close();
  }

  /** Delivery ids are made unique per test: the database is shared by the class. */
  private final String prefix = EventId.random().toString().substring(0, 8) + "-";

  private Event deploy(String type, String delivery, String sha, Instant at) {
    return new Event(EventId.random(), "github", type, "", at, prefix + delivery, Map.of("state", "success",
        "repository", "acme/shop", "service", "checkout", "sha", sha, "environment", "production"), "", "{}");
  }

  private RunId launch(EngineParts parts, Agent agent, Event event) {
    assertThat(database.transactor().inTransaction(() -> parts.ports.events().saveUnlessDuplicate(event))).isEmpty();
    TaskSpec spec = agent.tasks().getFirst();
    return database.transactor().inTransaction(() -> parts.launcher.launch(agent, spec,
        new WakeReason.OnEvent(event.id(), event.source(), event.type())));
  }

  @Test
  void a_run_sees_the_events_of_its_tasks_other_live_runs_only() {
    ScriptedTaskKind kind = new ScriptedTaskKind("looker").step("look", ctx -> StepOutcome.done(
        Map.of("others", ctx.otherLiveRunEvents().stream().map(Event::deliveryId).toList())));
    EngineParts parts = new EngineParts(database, clock, chat, new StubHttpProbe(), kind);
    Agent agent = parts.save(agent(List.of(), new TaskSpec("work", "looker", Map.of(), null, true)));
    Agent stranger = parts.save(agent(List.of(), new TaskSpec("work", "looker", Map.of(), null, true)));
    RunId first = launch(parts, agent, deploy("deployment_status", "d-1", SHA_A, T0));
    launch(parts, agent, deploy("deployment_status", "d-2", SHA_B, T0));
    parts.launch(agent, "work");
    launch(parts, stranger, deploy("deployment_status", "d-3", SHA_B, T0));

    parts.advancer.advance(first);

    assertThat(parts.step(first, 0).output().get("others")).isEqualTo(List.of(prefix + "d-2"));
  }

  @Test
  void a_run_sees_the_events_of_its_tasks_other_runs_whatever_became_of_them_and_its_agents_false_positives() {
    ScriptedTaskKind kind = new ScriptedTaskKind("looker").step("look", ctx -> StepOutcome.done(Map.of(
        "others", ctx.otherRunEvents(10).stream().map(Event::deliveryId).toList(),
        "falsePositives", ctx.falsePositives("checkout").stream().map(f -> f.summary() + ": " + f.statusReason())
            .toList())));
    EngineParts parts = new EngineParts(database, clock, chat, new StubHttpProbe(), kind);
    Agent agent = parts.save(agent(List.of(), new TaskSpec("work", "looker", Map.of(), null, true)));
    Agent stranger = parts.save(agent(List.of(), new TaskSpec("work", "looker", Map.of(), null, true)));
    RunId finished = launch(parts, agent, deploy("deployment_status", "d-1", SHA_A, T0));
    parts.advancer.advance(finished);
    assertThat(parts.run(finished).status()).isEqualTo(RunStatus.SUCCEEDED);
    launch(parts, stranger, deploy("deployment_status", "d-3", SHA_B, T0));
    Evidence evidence = new Evidence("up", T0, T0, "0", "1", java.util.Optional.empty());
    Finding checkout = database.transactor().inTransaction(() -> parts.findings.fileOrUpdate(new FindingDraft(
        Severity.CRITICAL, "checkout", "latency got worse", List.of(evidence), List.of(), "k-1"), agent.id(), finished, T0));
    Finding cart = database.transactor().inTransaction(() -> parts.findings.fileOrUpdate(new FindingDraft(
        Severity.CRITICAL, "cart", "cart got worse", List.of(evidence), List.of(), "k-2"), agent.id(), finished, T0));
    Finding strangers = database.transactor().inTransaction(() -> parts.findings.fileOrUpdate(new FindingDraft(
        Severity.CRITICAL, "checkout", "not ours", List.of(evidence), List.of(), "k-3"), stranger.id(), finished, T0));
    database.transactor().inTransaction(() -> parts.findings.fileOrUpdate(new FindingDraft(Severity.CRITICAL,
        "checkout", "still open", List.of(evidence), List.of(), "k-4"), agent.id(), finished, T0));
    for (Finding f : List.of(checkout, cart, strangers)) {
      database.transactor().inTransaction(() -> parts.findings.setStatus(f.id(), FindingStatus.FALSE_POSITIVE,
          "cache warm-up", T0));
    }
    RunId second = launch(parts, agent, deploy("deployment_status", "d-2", SHA_B, T0));

    parts.advancer.advance(second);

    assertThat(parts.step(second, 0).output().get("others")).isEqualTo(List.of(prefix + "d-1"));
    assertThat(parts.step(second, 0).output().get("falsePositives"))
        .isEqualTo(List.of("latency got worse: cache warm-up"));
  }

  @Test
  void a_newer_deploy_ends_the_older_watch_as_superseded_in_its_thread_and_a_deploy_told_twice_is_watched_once() {
    EngineParts parts = new EngineParts(database, clock, chat, new StubHttpProbe(), new DeployWatchTaskKind());
    Agent agent = parts.save(agent(List.of(new Grant("chat", "chat:post", List.of("#deploys"))),
        new TaskSpec("watch", "deploy-watch", Map.of("metrics", "prom", "channel", "#deploys"), null, true)));
    RunId older = launch(parts, agent, deploy("deployment_status", "d-1", SHA_A, T0));
    RunId sameDeployAgain = launch(parts, agent, deploy("deployment", "d-1b", SHA_A, T0.plusSeconds(20)));
    parts.advancer.advance(older);
    parts.advancer.advance(sameDeployAgain);

    assertThat(parts.run(sameDeployAgain).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat((String) parts.step(sameDeployAgain, 0).output().get("reason"))
        .startsWith("the same deploy is already watched");

    clock.set(T0.plus(Duration.ofMinutes(3)));
    RunId newer = launch(parts, agent, deploy("deployment_status", "d-2", SHA_B, T0.plus(Duration.ofMinutes(3))));
    parts.advancer.advance(newer);
    clock.set(T0.plus(Duration.ofMinutes(5)));
    parts.advancer.advance(older);

    assertThat(parts.run(older).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(parts.step(older, 1).output()).containsEntry("verdict", "SUPERSEDED");
    assertThat(parts.step(older, 2).output().get("skipped").toString()).startsWith("superseded by checkout");
    List<ChatMessage> thread = chat.deliveries().stream().filter(m -> m.agent().equals(agent.id())).toList();
    assertThat(thread).filteredOn(m -> m.text().contains("superseded")).singleElement().satisfies(m -> {
      assertThat(m.text()).startsWith("deploy-watch checkout aaaaaaa (production): superseded by checkout bbbbbbb"
          + " (production), deployed 2026-11-25T12:03:00Z. This watch ends");
      assertThat(m.replyTo()).as("in the older deploy's thread").isPresent();
    });
    assertThat(parts.run(newer).status()).as("the newer watch goes on").isEqualTo(RunStatus.WAITING);
    Event redelivery = deploy("deployment_status", "d-2", SHA_B, T0.plus(Duration.ofMinutes(3)));
    assertThat(database.transactor().inTransaction(() -> parts.ports.events().saveUnlessDuplicate(redelivery)))
        .as("a redelivery (same X-GitHub-Delivery) is not stored again, so starts no watch").isPresent();
  }
}
