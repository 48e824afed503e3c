package dev.vigil.engine.internal;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.StepRecord;
import dev.vigil.core.run.StepStatus;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.core.port.ChatChannel;
import dev.vigil.engine.EngineMetrics;
import dev.vigil.engine.EnginePorts;
import dev.vigil.engine.EngineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Moves one run forward as far as it can go now: delivers its pending posts, then executes steps
 * one by one, checkpointing each, until the run ends or must wait (a durable timer, a retry
 * backoff, a chat channel that is down).
 *
 * <p>Crash safety rests on two rules. A step's checkpoint (its output, its posts, its findings
 * and the run's new position) is one transaction, so a crash before it repeats the step and a
 * crash after it never does. Posts are delivered after the checkpoint with a key derived from
 * run and step, so a crash during delivery leads to a redelivery that the receiver can recognise.
 */
public final class RunAdvancer {
  private static final Logger log = LoggerFactory.getLogger(RunAdvancer.class);
  /** Bound on steps per pickup, so one long run cannot hold a worker thread indefinitely. */
  private static final int MAX_STEPS_PER_PICKUP = 100;

  private final EnginePorts ports;
  private final TaskKindRegistry kinds;
  private final EngineSettings settings;
  private final EngineMetrics metrics;
  private final Clock clock;

  public RunAdvancer(EnginePorts ports, TaskKindRegistry kinds, EngineSettings settings, EngineMetrics metrics,
      Clock clock) {
    this.ports = ports;
    this.kinds = kinds;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Next advance(RunId id) {
    MDC.put("run", id.value());
    try {
      Optional<Run> found = ports.runs().find(id);
      if (found.isEmpty()) {
        log.warn("queued run not found, dropping it run={}", id);
        return Next.finished();
      }
      Pickup pickup = new Pickup(found.get());
      MDC.put("agent", pickup.run.agent().value());
      MDC.put("task", pickup.run.task());
      for (int i = 0; i < MAX_STEPS_PER_PICKUP; i++) {
        if (pickup.mustReload) {
          Optional<Run> reloaded = ports.runs().find(id);
          if (reloaded.isEmpty()) return Next.finished();
          pickup.reloaded(reloaded.get());
        }
        if (pickup.mayHavePosts) {
          Optional<Instant> retryDelivery = deliverPending(pickup.run);
          if (retryDelivery.isPresent()) {
            return Next.at(retryDelivery.get());
          }
          pickup.mayHavePosts = false;
        }
        Run run = pickup.run;
        if (run.status().terminal()) {
          return Next.finished();
        }
        Instant now = clock.instant();
        if (run.resumeAt().isPresent() && now.isBefore(run.resumeAt().get())) {
          return Next.at(run.resumeAt().get());
        }
        if (!run.hasMoreSteps()) {
          finish(run.succeeded(now));
          return Next.finished();
        }
        Optional<Instant> wait = executeStep(pickup, i < MAX_STEPS_PER_PICKUP - 1);
        if (wait.isPresent()) {
          return Next.at(wait.get());
        }
      }
      return Next.at(clock.instant());
    } finally {
      MDC.remove("run");
      MDC.remove("agent");
      MDC.remove("task");
    }
  }

  /**
   * What one pickup of a run knows without asking the database again: the run as its last
   * checkpoint left it, its agent, the outputs of its completed steps, and whether the next step's
   * start was already recorded by that checkpoint. Anything another node or request may change
   * (a cancellation) is still checked inside each checkpoint's transaction.
   */
  private static final class Pickup {
    Run run;
    Agent agent;
    Map<String, Map<String, Object>> outputs;
    /** The step whose RUNNING record (attempt 1) the previous checkpoint wrote, or -1. */
    int preparedStep = -1;
    Instant preparedAt;
    boolean mayHavePosts;
    /** No step of this run was ever attempted, so there is no earlier attempt to count. */
    boolean neverStarted;
    boolean mustReload;

    Pickup(Run run) {
      this.run = run;
      // A run that never started has no steps behind it: no posts, no outputs, no attempts.
      boolean fresh = run.status() == RunStatus.QUEUED && run.nextStep() == 0;
      this.mayHavePosts = !fresh;
      this.neverStarted = fresh;
      if (fresh) outputs = new LinkedHashMap<>();
    }

    void reloaded(Run fresh) {
      run = fresh;
      preparedStep = -1;
      mustReload = false;
      mayHavePosts = true;
      neverStarted = false;
    }
  }

  /**
   * Executes the run's next step; returns when to try again if it must wait for a retry.
   *
   * @param mayContinue whether this pickup may go on to the next step right after this one
   */
  private Optional<Instant> executeStep(Pickup pickup, boolean mayContinue) {
    Run run = pickup.run;
    Instant now = clock.instant();
    int index = run.nextStep();
    PlannedStep planned = run.currentStep();
    if (pickup.agent == null) {
      Optional<Agent> agent = ports.agents().find(run.agent());
      if (agent.isEmpty()) {
        finish(run.failed(now, "agent '" + run.agent() + "' was deleted while the run was live"));
        pickup.mustReload = true;
        return Optional.empty();
      }
      pickup.agent = agent.get();
    }
    Optional<TaskKind> kind = kinds.find(run.kind());
    if (kind.isEmpty()) {
      finish(run.failed(now, "task kind '" + run.kind() + "' is not installed on this node"));
      pickup.mustReload = true;
      return Optional.empty();
    }
    boolean prepared = pickup.preparedStep == index;
    int attempt;
    Run running;
    if (prepared) {
      // The previous checkpoint recorded this step as started (attempt 1) in its transaction.
      attempt = 1;
      running = run;
    } else {
      Optional<StepRecord> previousAttempt = pickup.neverStarted ? Optional.empty() : ports.runs().step(run.id(), index);
      pickup.neverStarted = false;
      attempt = previousAttempt.map(StepRecord::attempts).orElse(0) + 1;
      if (attempt > settings.maxStepAttempts()) {
        String last = previousAttempt.map(StepRecord::error).orElse("");
        Instant failedAt = now;
        ports.transactor().run(() -> {
          ports.runs().saveStep(stepRecord(run, index, planned, StepStatus.FAILED, attempt - 1, previousAttempt.get().startedAt(),
              Optional.of(failedAt), Map.of(), "gave up after " + (attempt - 1) + " attempts: " + last));
          finishInTx(run.failed(failedAt, "step '" + planned.name() + "' failed " + (attempt - 1) + " times; last error: " + last));
        });
        pickup.mustReload = true;
        return Optional.empty();
      }
      boolean firstStepOfRun = run.startedAt().isEmpty();
      running = run.running(now);
      Instant startedAt = now;
      ports.transactor().run(() -> {
        ports.runs().update(running);
        ports.runs().saveStep(stepRecord(run, index, planned, StepStatus.RUNNING, attempt, startedAt, Optional.empty(), Map.of(), ""));
      });
      if (firstStepOfRun) {
        metrics.runStarted(run.kind(), Duration.between(run.createdAt(), now));
      }
    }
    Instant startedAt = prepared ? pickup.preparedAt : now;
    if (pickup.outputs == null) {
      pickup.outputs = new LinkedHashMap<>();
      for (StepRecord s : ports.runs().steps(run.id())) {
        if (s.index() < index && s.status() == StepStatus.SUCCEEDED) pickup.outputs.put(s.name(), s.output());
      }
    }
    RunStepContext ctx = new RunStepContext(running, pickup.agent, index, attempt, Map.copyOf(pickup.outputs), clock,
        ports.chat().integration(), ports.audit(), ports.httpProbe(), ports.workspaces(), ports.integrations(),
        ports.events(), ports.graph(), ports.runs(), ports.findings());
    long started = System.nanoTime();
    StepOutcome outcome;
    try {
      outcome = kind.get().execute(ctx);
    } catch (StepFailure f) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      metrics.stepFinished(run.kind(), planned.name(), false, took);
      pickup.mustReload = true;
      if (f.retryable() && attempt < settings.maxStepAttempts()) {
        Instant retryAt = clock.instant().plus(backoff(attempt));
        log.warn("step failed, will retry step={} attempt={} retryAt={} error=\"{}\"", planned.name(), attempt, retryAt, f.getMessage());
        ports.transactor().run(() -> {
          ctx.auditEntries().forEach(ports.audit()::record);
          ports.runs().saveStep(stepRecord(run, index, planned, StepStatus.RETRYING, attempt, startedAt,
              Optional.of(clock.instant()), Map.of(), f.getMessage()));
        });
        return Optional.of(retryAt);
      }
      failStep(running, index, planned, attempt, startedAt, ctx, f.getMessage());
      return Optional.empty();
    } catch (SecurityException denied) {
      metrics.stepFinished(run.kind(), planned.name(), false, Duration.ofNanos(System.nanoTime() - started));
      pickup.mustReload = true;
      failStep(running, index, planned, attempt, startedAt, ctx, "denied: " + denied.getMessage());
      return Optional.empty();
    } catch (RuntimeException defect) {
      metrics.stepFinished(run.kind(), planned.name(), false, Duration.ofNanos(System.nanoTime() - started));
      log.error("step failed with a defect step={} kind={}", planned.name(), run.kind(), defect);
      pickup.mustReload = true;
      failStep(running, index, planned, attempt, startedAt, ctx, "defect: " + defect);
      return Optional.empty();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    metrics.stepFinished(run.kind(), planned.name(), true, took);
    Instant done = clock.instant();
    Run next = running.stepCompleted(outcome.resumeAt());
    Run toStore = !next.hasMoreSteps() && outcome.resumeAt().isEmpty() ? next.succeeded(done) : next;
    // Going straight on to the next step: record its start in this same transaction, which
    // saves the next step a transaction of its own (a crash in between counts as its attempt,
    // exactly as a crash during the step would).
    boolean prepareNext = mayContinue && !toStore.status().terminal() && toStore.hasMoreSteps()
        && outcome.resumeAt().isEmpty() && ctx.posts().isEmpty();
    boolean cancelledMeanwhile = ports.transactor().inTransaction(() -> {
      ports.runs().saveStep(stepRecord(run, index, planned, StepStatus.SUCCEEDED, attempt, startedAt, Optional.of(done),
          outcome.output(), ""));
      for (OutboxEntry post : ctx.posts()) {
        ports.outbox().add(post);
      }
      for (FindingDraft draft : ctx.findings()) {
        Finding f = ports.findings().fileOrUpdate(draft, run.agent(), run.id(), done);
        log.info("finding filed finding={} severity={} service={} occurrences={} summary=\"{}\"", f.id(), f.severity(),
            f.service(), f.occurrences(), f.summary());
      }
      ctx.auditEntries().forEach(ports.audit()::record);
      // The run may have been cancelled while the step ran: keep that decision, do not write
      // back the copy loaded before the step.
      boolean cancelled = ports.runs().status(run.id()).map(RunStatus::terminal).orElse(true);
      if (cancelled) {
        return true;
      }
      if (toStore.status().terminal()) {
        finishInTx(toStore);
      } else {
        ports.runs().update(toStore);
        if (prepareNext) {
          PlannedStep following = toStore.currentStep();
          ports.runs().saveStep(stepRecord(toStore, toStore.nextStep(), following, StepStatus.RUNNING, 1, done,
              Optional.empty(), Map.of(), ""));
        }
      }
      return false;
    });
    log.debug("step completed step={} attempt={} tookMs={}", planned.name(), attempt, took.toMillis());
    pickup.outputs.put(planned.name(), outcome.output());
    if (cancelledMeanwhile) {
      pickup.mustReload = true;
    } else {
      pickup.run = toStore;
      pickup.preparedStep = prepareNext ? toStore.nextStep() : -1;
      pickup.preparedAt = done;
      pickup.mayHavePosts = !ctx.posts().isEmpty();
    }
    return Optional.empty();
  }

  private void failStep(Run run, int index, PlannedStep planned, int attempt, Instant startedAt, RunStepContext ctx,
      String message) {
    Instant now = clock.instant();
    log.warn("step failed, run fails step={} attempt={} error=\"{}\"", planned.name(), attempt, message);
    ports.transactor().run(() -> {
      ctx.auditEntries().forEach(ports.audit()::record);
      ports.runs().saveStep(stepRecord(run, index, planned, StepStatus.FAILED, attempt, startedAt, Optional.of(now),
          Map.of(), message));
      if (ports.runs().find(run.id()).map(r -> !r.status().terminal()).orElse(false)) {
        finishInTx(run.failed(now, "step '" + planned.name() + "': " + message));
      }
    });
  }

  private void finish(Run ended) {
    ports.transactor().run(() -> finishInTx(ended));
  }

  private void finishInTx(Run ended) {
    ports.runs().update(ended);
    metrics.runFinished(ended.kind(), ended.status());
    log.info("run ended status={} kind={}{}", ended.status(), ended.kind(),
        ended.error().isEmpty() ? "" : " error=\"" + ended.error() + "\"");
  }

  /**
   * Delivers the run's pending posts in order. Returns when to try again if the channel is down;
   * a permanent refusal is recorded and not retried.
   */
  private Optional<Instant> deliverPending(Run run) {
    List<OutboxEntry> pending = ports.outbox().pending(run.id());
    for (OutboxEntry entry : pending) {
      Instant start = clock.instant();
      long t0 = System.nanoTime();
      try {
        deliver(entry, run, start, t0);
        metrics.outboxDelivered(true);
        log.info("message posted channel={} key={}", entry.channel(), entry.idempotencyKey());
      } catch (ChatChannel.DeliveryException e) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        metrics.outboxDelivered(false);
        boolean permanent = !e.retryable() || entry.attempts() + 1 >= settings.maxStepAttempts() * 4;
        ports.transactor().run(() -> {
          ports.outbox().recordFailure(entry.id(), e.getMessage(), permanent);
          ports.audit().record(new AuditEntry(start, entry.agent().value(), run.id().value(), ports.chat().integration(),
              "chat:post", entry.channel(), "error: " + e.getMessage(), took));
        });
        if (permanent) {
          log.warn("message not delivered, giving up channel={} key={} error=\"{}\"", entry.channel(), entry.idempotencyKey(), e.getMessage());
          continue;
        }
        Duration wait = backoff(entry.attempts() + 1);
        if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(wait) > 0) {
          wait = e.retryAfter().get();
        }
        Instant retryAt = clock.instant().plus(wait);
        log.warn("message not delivered, will retry channel={} attempt={} retryAt={} error=\"{}\"", entry.channel(),
            entry.attempts() + 1, retryAt, e.getMessage());
        return Optional.of(retryAt);
      }
    }
    return Optional.empty();
  }

  /**
   * Delivers one post and records it, with the chat's id of the message for later replies; in one
   * transaction when the chat lives in Vigil's database.
   */
  private void deliver(OutboxEntry entry, Run run, Instant start, long t0) throws ChatChannel.DeliveryException {
    // Posts of a run are delivered in order, so a thread's first post is delivered (or given up)
    // before its replies are looked up; a thread whose first post failed starts at the next one.
    Optional<String> replyTo = entry.threadKey()
        .flatMap(thread -> ports.outbox().threadRoot(entry.agent(), entry.channel(), thread));
    ChatMessage message = entry.message(replyTo);
    ChatChannel chat = ports.chat().current();
    Consumer<Optional<String>> recordDelivered = platformId -> {
      ports.outbox().markDelivered(entry.id(), clock.instant(), platformId);
      String what = entry.attachment().map(a -> "ok: delivered file " + a.name()).orElse("ok: delivered");
      ports.audit().record(new AuditEntry(start, entry.agent().value(), run.id().value(), ports.chat().integration(),
          "chat:post", entry.channel(), what, Duration.ofNanos(System.nanoTime() - t0)));
    };
    if (!chat.sharesDatabase()) {
      Optional<String> platformId = chat.deliver(message);
      ports.transactor().run(() -> recordDelivered.accept(platformId));
      return;
    }
    try {
      ports.transactor().run(() -> {
        try {
          recordDelivered.accept(chat.deliver(message));
        } catch (ChatChannel.DeliveryException e) {
          throw new Undelivered(e);
        }
      });
    } catch (Undelivered u) {
      throw u.reason;
    }
  }

  /** Carries a checked delivery failure out of a transaction's lambda (which rolls back). */
  private static final class Undelivered extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ChatChannel.DeliveryException reason;

    Undelivered(ChatChannel.DeliveryException reason) {
      super(reason.getMessage(), reason, false, false);
      this.reason = reason;
    }
  }

  private Duration backoff(int attempt) {
    long seconds = 1L << Math.min(attempt, 20);
    Duration d = Duration.ofSeconds(seconds);
    return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
  }

  private static StepRecord stepRecord(Run run, int index, PlannedStep planned, StepStatus status, int attempts,
      Instant startedAt, Optional<Instant> finishedAt, Map<String, Object> output, String error) {
    return new StepRecord(run.id(), index, planned.name(), status, attempts, startedAt, finishedAt,
        Map.of("parameters", run.parameters()), output, error);
  }
}
