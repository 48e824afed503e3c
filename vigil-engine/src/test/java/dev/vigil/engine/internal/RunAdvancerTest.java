package dev.vigil.engine.internal;

import static dev.vigil.engine.testing.EngineParts.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.outbox.OutboxStatus;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.StepRecord;
import dev.vigil.core.run.StepStatus;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EngineMetrics;
import dev.vigil.engine.testing.EngineParts;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.engine.testing.RecordingChatChannel;
import dev.vigil.engine.testing.ScriptedTaskKind;
import dev.vigil.engine.testing.SimulatedCrash;
import dev.vigil.engine.testing.StubHttpProbe;
import dev.vigil.store.Database;
import dev.vigil.store.testing.TestDatabases;
import dev.vigil.tasks.heartbeat.HeartbeatTaskKind;
import dev.vigil.tasks.httpcheck.HttpCheckTaskKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link RunAdvancer#advance} on a real (H2) database, driven by hand: the clock moves only when
 * the test moves it, and each call stands for one pickup of the run by the scheduler.
 */
class RunAdvancerTest {
  private static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");
  private static final Grant POST_TO_OPS = new Grant("chat", "chat:post", List.of("#ops"));
  private static Database database;

  private final MutableClock clock = new MutableClock(T0);
  private final RecordingChatChannel chat = new RecordingChatChannel("chat");
  private final StubHttpProbe probe = new StubHttpProbe();

  @BeforeAll
  static void open() {
    database = TestDatabases.h2();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private EngineParts parts(TaskKind... kinds) {
    return new EngineParts(database, clock, chat, probe, kinds);
  }

  private static TaskSpec manual(String name, String kind, Map<String, Object> parameters) {
    return new TaskSpec(name, kind, parameters, null, true);
  }

  /** Starts a run of a one-task agent with the chat grant and returns its id. */
  private static RunId launch(EngineParts parts, String kind) {
    Agent agent = parts.save(agent(List.of(POST_TO_OPS), manual("work", kind, Map.of())));
    return parts.launch(agent, "work");
  }

  private static Next.ContinueAt continueAt(Instant at) {
    return new Next.ContinueAt(at);
  }

  @Nested
  class Steps {
    @Test
    void three_step_run_completes_running_each_step_once_with_earlier_outputs_visible_to_later_steps() {
      ScriptedTaskKind kind = new ScriptedTaskKind("three-steps")
          .step("fetch", ctx -> StepOutcome.done(Map.of("value", 20)))
          .step("double", ctx -> StepOutcome.done(
              Map.of("value", 2 * ((Number) ctx.previousOutputs().get("fetch").get("value")).intValue())))
          .step("report", ctx -> StepOutcome.done(Map.of(
              "seen", List.copyOf(ctx.previousOutputs().keySet()),
              "total", ((Number) ctx.previousOutputs().get("double").get("value")).intValue())));
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "three-steps");
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.QUEUED);

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());

      Run run = parts.run(id);
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(run.startedAt()).contains(T0);
      assertThat(run.finishedAt()).contains(T0);
      assertThat(List.of("fetch", "double", "report")).allSatisfy(s -> assertThat(kind.attempts(s)).containsExactly(1));
      List<StepRecord> steps = parts.runs.steps(id);
      assertThat(steps).extracting(StepRecord::name).containsExactly("fetch", "double", "report");
      assertThat(steps).allSatisfy(s -> {
        assertThat(s.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(s.attempts()).isEqualTo(1);
      });
      assertThat(((Number) steps.get(1).output().get("value")).intValue()).isEqualTo(40);
      assertThat(((Number) steps.get(2).output().get("total")).intValue()).isEqualTo(40);
      assertThat(steps.get(2).output().get("seen")).asInstanceOf(InstanceOfAssertFactories.LIST)
          .containsExactlyInAnyOrder("fetch", "double");
    }

    @Test
    void a_file_a_run_leaves_in_the_agents_workspace_is_there_for_its_next_run_and_no_other_agents() throws Exception {
      ScriptedTaskKind kind = new ScriptedTaskKind("counter").step("count", ctx -> {
        try {
          java.nio.file.Path file = ctx.workspace().resolve("runs.txt");
          int seen = java.nio.file.Files.exists(file) ? Integer.parseInt(java.nio.file.Files.readString(file)) : 0;
          java.nio.file.Files.writeString(file, String.valueOf(seen + 1));
          return StepOutcome.done(Map.of("seen", seen));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      EngineParts parts = parts(kind);
      Agent first = parts.save(agent(List.of(), manual("work", "counter", Map.of())));
      Agent second = parts.save(agent(List.of(), manual("work", "counter", Map.of())));

      RunId a1 = parts.launch(first, "work");
      parts.advancer.advance(a1);
      RunId a2 = parts.launch(first, "work");
      parts.advancer.advance(a2);
      RunId b1 = parts.launch(second, "work");
      parts.advancer.advance(b1);

      assertThat(((Number) parts.step(a1, 0).output().get("seen")).intValue()).isZero();
      assertThat(((Number) parts.step(a2, 0).output().get("seen")).intValue()).isEqualTo(1);
      assertThat(((Number) parts.step(b1, 0).output().get("seen")).intValue()).isZero();
    }

    @Test
    void advancing_a_finished_run_again_runs_nothing() {
      ScriptedTaskKind kind = new ScriptedTaskKind("one-step").step("only", ctx -> StepOutcome.done());
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "one-step");
      parts.advancer.advance(id);

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(kind.executions("only")).isEqualTo(1);
    }

    @Test
    void a_run_whose_agent_was_deleted_fails_saying_so() {
      ScriptedTaskKind kind = new ScriptedTaskKind("one-step").step("only", ctx -> StepOutcome.done());
      EngineParts parts = parts(kind);
      Agent agent = parts.save(agent(List.of(), manual("work", "one-step", Map.of())));
      RunId id = parts.launch(agent, "work");
      parts.agents.delete(agent.id());

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
      assertThat(parts.run(id).error()).isEqualTo("agent '" + agent.id() + "' was deleted while the run was live");
      assertThat(kind.executions("only")).isZero();
    }
  }

  @Nested
  class DurableTimers {
    @Test
    void step_returning_then_wait_until_parks_the_run_and_nothing_runs_before_the_clock_reaches_it() {
      Instant resumeAt = T0.plus(Duration.ofMinutes(10));
      ScriptedTaskKind kind = new ScriptedTaskKind("timer")
          .step("arm", ctx -> StepOutcome.thenWaitUntil(resumeAt, Map.of("armed", true)))
          .step("fire", ctx -> StepOutcome.done(Map.of("firedAt", ctx.now().toString())));
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "timer");

      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(resumeAt));
      Run waiting = parts.run(id);
      assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
      assertThat(waiting.resumeAt()).contains(resumeAt);
      assertThat(waiting.nextStep()).isEqualTo(1);

      clock.set(resumeAt.minusMillis(1));
      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(resumeAt));
      assertThat(kind.executions("fire")).isZero();
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.WAITING);

      clock.set(resumeAt);
      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(kind.attempts("arm")).containsExactly(1);
      assertThat(kind.attempts("fire")).containsExactly(1);
      assertThat(parts.step(id, 1).output()).containsEntry("firedAt", resumeAt.toString());
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void heartbeat_with_a_delay_posts_only_when_its_timer_is_due() {
      EngineParts parts = parts(new HeartbeatTaskKind());
      Agent agent = parts.save(agent(List.of(POST_TO_OPS),
          manual("beat", "heartbeat", Map.of("channel", "#ops", "message", "{agent} alive", "delay", "15m"))));
      RunId id = parts.launch(agent, "beat");
      Instant due = T0.plus(Duration.ofMinutes(15));

      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(due));
      clock.set(due.minusSeconds(1));
      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(due));
      assertThat(chat.deliveries()).isEmpty();

      clock.set(due);
      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(chat.deliveries()).extracting(ChatMessage::text).containsExactly(agent.id() + " alive");
    }
  }

  @Nested
  class Crashes {
    @Test
    void step_that_died_before_its_checkpoint_runs_again_as_attempt_2_and_its_post_is_sent_once() {
      ScriptedTaskKind kind = new ScriptedTaskKind("announce").step("announce", ctx -> {
        ctx.post("#ops", "deploy 42 done");
        if (ctx.attempt() == 1) {
          throw new SimulatedCrash("in the middle of the step");
        }
        return StepOutcome.done();
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "announce");

      assertThatThrownBy(() -> parts.advancer.advance(id)).isInstanceOf(SimulatedCrash.class);
      // What the crash leaves: a RUNNING step record and no checkpoint, so no post either.
      assertThat(parts.step(id, 0).status()).isEqualTo(StepStatus.RUNNING);
      assertThat(parts.step(id, 0).attempts()).isEqualTo(1);
      assertThat(parts.outbox.forRun(id)).isEmpty();

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(kind.attempts("announce")).containsExactly(1, 2);
      assertThat(parts.step(id, 0).status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(parts.step(id, 0).attempts()).isEqualTo(2);
      assertThat(chat.deliveries()).extracting(ChatMessage::idempotencyKey).containsExactly(id.value() + ":0:0");
    }

    @Test
    void crash_in_a_step_started_by_the_previous_checkpoint_repeats_only_that_step_as_attempt_2() {
      ScriptedTaskKind kind = new ScriptedTaskKind("two-steps")
          .step("first", ctx -> StepOutcome.done(Map.of("value", 1)))
          .step("second", ctx -> {
            if (ctx.attempt() == 1) throw new SimulatedCrash("in the second step");
            return StepOutcome.done(Map.of("sum", 1 + ((Number) ctx.previousOutputs().get("first").get("value")).intValue()));
          });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "two-steps");
      clock.advance(Duration.ofSeconds(3));

      assertThatThrownBy(() -> parts.advancer.advance(id)).isInstanceOf(SimulatedCrash.class);
      // The first step's checkpoint also recorded the second as started, at the same instant.
      assertThat(parts.step(id, 0).status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(parts.step(id, 1).status()).isEqualTo(StepStatus.RUNNING);
      assertThat(parts.step(id, 1).attempts()).isEqualTo(1);
      assertThat(parts.step(id, 1).startedAt()).isEqualTo(parts.step(id, 0).finishedAt().orElseThrow());

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(kind.attempts("first")).containsExactly(1);
      assertThat(kind.attempts("second")).containsExactly(1, 2);
      assertThat(parts.step(id, 1).attempts()).isEqualTo(2);
      assertThat(((Number) parts.step(id, 1).output().get("sum")).intValue()).isEqualTo(2);
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void step_that_repeats_after_a_crash_gets_the_same_idempotency_key_for_its_post() {
      // The crash comes after the post was handed over but before the checkpoint: the outbox
      // must still end up with one entry, under the key the first attempt would have used.
      ScriptedTaskKind kind = new ScriptedTaskKind("announce").step("announce", ctx -> {
        ctx.post("#ops", "deploy 42 done");
        if (ctx.attempt() == 1) {
          throw new SimulatedCrash("after posting, before the checkpoint");
        }
        return StepOutcome.done();
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "announce");
      assertThatThrownBy(() -> parts.advancer.advance(id)).isInstanceOf(SimulatedCrash.class);

      parts.advancer.advance(id);

      assertThat(parts.outbox.forRun(id)).extracting(OutboxEntry::idempotencyKey).containsExactly(id.value() + ":0:0");
    }

    @Test
    void crash_after_the_chat_accepted_a_post_redelivers_it_under_the_same_key_without_repeating_the_step() {
      ScriptedTaskKind kind = new ScriptedTaskKind("announce").step("announce", ctx -> {
        ctx.post("#ops", "deploy 42 done");
        return StepOutcome.done();
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "announce");
      chat.crashAfterAcceptingNextMessage();

      assertThatThrownBy(() -> parts.advancer.advance(id)).isInstanceOf(SimulatedCrash.class);
      assertThat(parts.outbox.pending(id)).hasSize(1);

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(kind.executions("announce")).isEqualTo(1);
      assertThat(chat.deliveries()).hasSize(2);
      assertThat(chat.deliveries()).extracting(ChatMessage::idempotencyKey).containsOnly(id.value() + ":0:0");
      assertThat(chat.shown()).extracting(ChatMessage::text).containsExactly("deploy 42 done");
      assertThat(parts.outbox.forRun(id)).extracting(OutboxEntry::status).containsExactly(OutboxStatus.DELIVERED);
    }

    @Test
    void step_that_keeps_crashing_the_process_fails_the_run_after_the_attempt_limit() {
      ScriptedTaskKind kind = new ScriptedTaskKind("poison").step("poison", ctx -> {
        throw new SimulatedCrash("out of memory on attempt " + ctx.attempt());
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "poison");
      int limit = EngineParts.SETTINGS.maxStepAttempts();
      for (int i = 0; i < limit; i++) {
        assertThatThrownBy(() -> parts.advancer.advance(id)).isInstanceOf(SimulatedCrash.class);
      }

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(kind.executions("poison")).isEqualTo(limit);
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
      assertThat(parts.run(id).error()).startsWith("step 'poison' failed " + limit + " times");
      assertThat(parts.step(id, 0).status()).isEqualTo(StepStatus.FAILED);
    }
  }

  @Nested
  class Failures {
    @Test
    void retryable_failure_is_retried_after_a_backoff_and_then_succeeds() {
      ScriptedTaskKind kind = new ScriptedTaskKind("flaky").step("call", ctx -> {
        if (ctx.attempt() == 1) {
          throw StepFailure.retryable("upstream timed out after 10s", null);
        }
        return StepOutcome.done(Map.of("ok", true));
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "flaky");

      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(T0.plusSeconds(2)));
      StepRecord retrying = parts.step(id, 0);
      assertThat(retrying.status()).isEqualTo(StepStatus.RETRYING);
      assertThat(retrying.attempts()).isEqualTo(1);
      assertThat(retrying.error()).isEqualTo("upstream timed out after 10s");
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.RUNNING);

      clock.set(T0.plusSeconds(2));
      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(kind.attempts("call")).containsExactly(1, 2);
      assertThat(parts.step(id, 0).status()).isEqualTo(StepStatus.SUCCEEDED);
      assertThat(parts.step(id, 0).attempts()).isEqualTo(2);
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void backoff_doubles_and_the_run_fails_with_the_last_error_once_the_attempts_are_used_up() {
      ScriptedTaskKind kind = new ScriptedTaskKind("down").step("call", ctx -> {
        throw StepFailure.retryable("connection refused (attempt " + ctx.attempt() + ")", null);
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "down");

      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(T0.plusSeconds(2)));
      clock.set(T0.plusSeconds(2));
      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(T0.plusSeconds(2 + 4)));
      clock.set(T0.plusSeconds(6));
      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());

      assertThat(kind.attempts("call")).containsExactly(1, 2, 3);
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
      assertThat(parts.run(id).error()).isEqualTo("step 'call': connection refused (attempt 3)");
      assertThat(parts.step(id, 0).status()).isEqualTo(StepStatus.FAILED);
      assertThat(parts.step(id, 0).attempts()).isEqualTo(3);
    }

    @Test
    void permanent_failure_fails_the_run_at_once_with_the_steps_message() {
      ScriptedTaskKind kind = new ScriptedTaskKind("strict")
          .step("check", ctx -> {
            throw StepFailure.permanent("url 'http://10.0.0.1/' points into the private network");
          })
          .step("never", ctx -> StepOutcome.done());
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "strict");

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      Run run = parts.run(id);
      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.error()).isEqualTo("step 'check': url 'http://10.0.0.1/' points into the private network");
      assertThat(run.finishedAt()).contains(T0);
      assertThat(kind.executions("check")).isEqualTo(1);
      assertThat(kind.executions("never")).isZero();
      assertThat(parts.step(id, 0).status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void post_without_a_chat_post_grant_fails_the_run_naming_the_missing_grant_and_audits_the_denial() {
      EngineParts parts = parts(new HeartbeatTaskKind());
      Agent agent = parts.save(agent(List.of(new Grant("chat", "chat:post", List.of("#elsewhere"))),
          manual("beat", "heartbeat", Map.of("channel", "#ops"))));
      RunId id = parts.launch(agent, "beat");

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());

      Run run = parts.run(id);
      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.error())
          .startsWith("step 'post': denied: agent '" + agent.id() + "' may not post to '#ops'")
          .contains("permission: chat:post");
      assertThat(parts.runs.steps(id)).extracting(StepRecord::status)
          .containsExactly(StepStatus.SUCCEEDED, StepStatus.FAILED);
      List<AuditEntry> audit = parts.audit.list(agent.id().value(), 10);
      assertThat(audit).singleElement().satisfies(e -> {
        assertThat(e.result()).isEqualTo("denied: no grant");
        assertThat(e.operation()).isEqualTo("chat:post");
        assertThat(e.target()).isEqualTo("#ops");
        assertThat(e.run()).isEqualTo(id.value());
      });
      assertThat(parts.outbox.forRun(id)).isEmpty();
      assertThat(chat.deliveries()).isEmpty();
    }

    @Test
    void probe_without_an_http_grant_fails_the_run_and_audits_the_denial() {
      EngineParts parts = parts(new HttpCheckTaskKind());
      Agent agent = parts.save(agent(List.of(new Grant("http", "http:get", List.of("other.example"))),
          manual("check", "http-check", Map.of("url", "https://shop.example/health"))));
      RunId id = parts.launch(agent, "check");

      parts.advancer.advance(id);

      assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
      assertThat(parts.run(id).error()).startsWith("step 'probe': denied: agent '" + agent.id()
          + "' may not probe https://shop.example/health");
      assertThat(probe.asked()).isEmpty();
      assertThat(parts.audit.list(agent.id().value(), 10)).extracting(AuditEntry::result)
          .containsExactly("denied: no grant");
    }

    @Test
    void step_throwing_an_unexpected_exception_fails_the_run_as_a_defect() {
      ScriptedTaskKind kind = new ScriptedTaskKind("buggy").step("parse", ctx -> {
        throw new IllegalStateException("index 3 out of bounds");
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "buggy");

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
      assertThat(parts.run(id).error())
          .isEqualTo("step 'parse': defect: java.lang.IllegalStateException: index 3 out of bounds");
      assertThat(kind.executions("parse")).isEqualTo(1);
    }
  }

  @Nested
  class Delivery {
    private RunId heartbeat(EngineParts parts) {
      Agent agent = parts.save(agent(List.of(POST_TO_OPS),
          manual("beat", "heartbeat", Map.of("channel", "#ops", "message", "still here"))));
      return parts.launch(agent, "beat");
    }

    @Test
    void chat_down_makes_the_run_continue_later_and_the_message_is_delivered_once_after_recovery() {
      EngineParts parts = parts(new HeartbeatTaskKind());
      RunId id = heartbeat(parts);
      chat.goDown();

      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(T0.plusSeconds(2)));
      // The step's checkpoint holds: the run is done, only its post waits.
      assertThat(parts.run(id).status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(parts.outbox.pending(id)).singleElement().satisfies(e -> {
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.lastError()).isEqualTo("chat unavailable: HTTP 503");
      });

      clock.set(T0.plusSeconds(2));
      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(T0.plusSeconds(2 + 4)));

      chat.recover();
      clock.set(T0.plusSeconds(6));
      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(chat.deliveries()).extracting(ChatMessage::text).containsExactly("still here");
      assertThat(chat.refusedCalls()).isEqualTo(2);
      assertThat(parts.outbox.forRun(id)).singleElement().satisfies(e -> {
        assertThat(e.status()).isEqualTo(OutboxStatus.DELIVERED);
        assertThat(e.deliveredAt()).contains(T0.plusSeconds(6));
      });
      assertThat(parts.audit.list(parts.run(id).agent().value(), 10)).extracting(AuditEntry::result)
          .containsExactly("ok: delivered", "error: chat unavailable: HTTP 503", "error: chat unavailable: HTTP 503",
              "allowed: queued");

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(chat.deliveries()).hasSize(1);
    }

    @Test
    void message_the_chat_refuses_for_good_is_marked_failed_and_not_retried() {
      EngineParts parts = parts(new HeartbeatTaskKind());
      RunId id = heartbeat(parts);
      chat.refuseEverything();

      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(parts.outbox.forRun(id)).singleElement().satisfies(e -> {
        assertThat(e.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(e.lastError()).isEqualTo("channel_not_found");
      });
      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(chat.refusedCalls()).isEqualTo(1);
    }
    @Test
    void posts_of_one_step_are_delivered_in_the_order_the_step_made_them() {
      List<String> texts = IntStream.rangeClosed(1, 10).mapToObj(i -> "part " + i + " of 10").toList();
      ScriptedTaskKind kind = new ScriptedTaskKind("thread").step("post", ctx -> {
        texts.forEach(t -> ctx.post("#ops", t));
        return StepOutcome.done();
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "thread");

      parts.advancer.advance(id);

      assertThat(chat.deliveries()).extracting(ChatMessage::text).containsExactlyElementsOf(texts);
    }
  }

  @Nested
  class RichPosts {
    private final byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    @Test
    void card_chart_and_a_later_thread_reply_are_each_shown_once_across_a_crash_and_the_reply_answers_the_first_post() {
      FindingCard card = FindingCard.of("checkout p99 up 2.3x after deploy 42", Severity.CRITICAL, "p99 412 ms")
          .withEvidence("p99", "412 ms", "180 ms");
      ChatAttachment chart = new ChatAttachment("p99.png", "p99 of checkout", png);
      Instant plus15 = T0.plus(Duration.ofMinutes(15));
      ScriptedTaskKind kind = new ScriptedTaskKind("deploy-watch")
          .step("plus5", ctx -> {
            ctx.post(ChatPost.card("#ops", "checkout p99 up 2.3x", card).withAttachment(chart).inThread("deploy:42"));
            return StepOutcome.thenWaitUntil(plus15, Map.of());
          })
          .step("plus15", ctx -> {
            ctx.post(ChatPost.text("#ops", "+15 min: p99 back to 185 ms").inThread("deploy:42"));
            return StepOutcome.done();
          });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "deploy-watch");
      String cardKey = id.value() + ":0:0";
      String chartKey = cardKey + ":file:0";
      chat.crashAfterAccepting(chartKey);

      assertThatThrownBy(() -> parts.advancer.advance(id)).isInstanceOf(SimulatedCrash.class);
      assertThat(parts.outbox.pending(id)).extracting(OutboxEntry::idempotencyKey).containsExactly(chartKey);

      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(plus15));
      clock.set(plus15);
      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());

      assertThat(kind.executions("plus5")).isEqualTo(1);
      assertThat(kind.executions("plus15")).isEqualTo(1);
      assertThat(chat.deliveries()).extracting(ChatMessage::idempotencyKey)
          .containsExactly(cardKey, chartKey, chartKey, id.value() + ":1:0");
      List<ChatMessage> shown = chat.shown();
      assertThat(shown).hasSize(3);
      assertThat(shown.get(0).card()).contains(card);
      assertThat(shown.get(0).replyTo()).isEmpty();
      assertThat(shown.get(1).attachment()).contains(chart);
      assertThat(shown.get(1).replyTo()).contains(RecordingChatChannel.platformId(cardKey));
      assertThat(shown.get(2).replyTo()).contains(RecordingChatChannel.platformId(cardKey));
      assertThat(parts.outbox.forRun(id)).allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxStatus.DELIVERED));
      assertThat(parts.audit.list(parts.run(id).agent().value(), 20)).extracting(AuditEntry::result)
          .contains("allowed: queued file p99.png", "ok: delivered file p99.png");
    }

    @Test
    void a_post_without_a_grant_queues_neither_its_card_nor_its_chart() {
      ScriptedTaskKind kind = new ScriptedTaskKind("sneaky").step("post", ctx -> {
        ctx.post(ChatPost.card("#payments", "x", FindingCard.of("t", Severity.INFO, ""))
            .withAttachment(new ChatAttachment("c.png", "", png)));
        return StepOutcome.done();
      });
      EngineParts parts = parts(kind);
      RunId id = launch(parts, "sneaky");

      parts.advancer.advance(id);

      assertThat(parts.run(id).status()).isEqualTo(RunStatus.FAILED);
      assertThat(parts.outbox.forRun(id)).isEmpty();
      assertThat(chat.deliveries()).isEmpty();
    }

    @Test
    void a_throttled_chat_is_tried_again_no_sooner_than_it_asked() {
      EngineParts parts = parts(new HeartbeatTaskKind());
      Agent agent = parts.save(agent(List.of(POST_TO_OPS),
          manual("beat", "heartbeat", Map.of("channel", "#ops", "message", "still here"))));
      RunId id = parts.launch(agent, "beat");
      chat.rateLimit(Duration.ofSeconds(30));

      assertThat(parts.advancer.advance(id)).isEqualTo(continueAt(T0.plusSeconds(30)));

      chat.recover();
      clock.set(T0.plusSeconds(30));
      assertThat(parts.advancer.advance(id)).isEqualTo(Next.finished());
      assertThat(chat.shown()).extracting(ChatMessage::text).containsExactly("still here");
    }
  }

  @Nested
  class Findings {
    @Test
    void same_problem_reported_by_two_runs_is_one_finding_with_two_occurrences() {
      EngineParts parts = parts(new HttpCheckTaskKind());
      Agent agent = parts.save(agent(List.of(new Grant("http", "http:get", List.of("shop.example"))),
          manual("check", "http-check", Map.of("url", "https://shop.example/health", "service", "shop"))));
      probe.answer(StubHttpProbe.answering(503, Duration.ofMillis(40)));

      RunId first = parts.launch(agent, "check");
      parts.advancer.advance(first);
      clock.advance(Duration.ofMinutes(5));
      RunId second = parts.launch(agent, "check");
      parts.advancer.advance(second);

      List<Finding> findings = parts.findings.list(new FindingStore.Filter(null, null, null, agent.id()), 10);
      assertThat(findings).singleElement().satisfies(f -> {
        assertThat(f.occurrences()).isEqualTo(2);
        assertThat(f.summary()).isEqualTo("https://shop.example/health: HTTP 503 instead of 200");
        assertThat(f.service()).isEqualTo("shop");
        assertThat(f.run()).isEqualTo(second);
        assertThat(f.createdAt()).isEqualTo(T0);
        assertThat(f.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
      });
      assertThat(List.of(first, second)).allSatisfy(r -> assertThat(parts.run(r).status()).isEqualTo(RunStatus.SUCCEEDED));
      assertThat(probe.asked()).hasSize(2);
    }

    @Test
    void healthy_answer_files_no_finding() {
      EngineParts parts = parts(new HttpCheckTaskKind());
      Agent agent = parts.save(agent(List.of(new Grant("http", "http:get", List.of("shop.example"))),
          manual("check", "http-check", Map.of("url", "https://shop.example/health"))));

      parts.advancer.advance(parts.launch(agent, "check"));

      assertThat(parts.findings.list(new FindingStore.Filter(null, null, null, agent.id()), 10)).isEmpty();
    }
  }

  @Nested
  class Cancellation {
    @Test
    void run_cancelled_while_its_step_executes_stays_cancelled_and_runs_no_further_step() {
      Engine[] engine = new Engine[1];
      ScriptedTaskKind kind = new ScriptedTaskKind("cancellable")
          .step("wait-for-deploy", ctx -> {
            engine[0].cancelRun(ctx.runId(), "owner cancelled it");
            return StepOutcome.done();
          })
          .step("post", ctx -> {
            ctx.post("#ops", "deploy looks fine");
            return StepOutcome.done();
          });
      EngineParts parts = parts(kind);
      // Not started: only its cancelRun is used, which works through the ports alone.
      engine[0] = new Engine(EngineParts.SETTINGS, parts.ports, parts.kinds, database.rawDataSource(),
          database.dataSource(), database.isPostgres(), EngineMetrics.NONE, clock);
      RunId id = launch(parts, "cancellable");

      parts.advancer.advance(id);

      assertThat(parts.run(id).status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(parts.run(id).error()).isEqualTo("owner cancelled it");
      assertThat(kind.executions("post")).isZero();
      assertThat(chat.deliveries()).isEmpty();
    }
  }
}
