package dev.vigil.engine.internal;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.Transactor;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.TaskRef;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.CatchUpPolicy;
import dev.vigil.core.trigger.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires cron schedules: starts the run(s) a due wake-up stands for, applying the task's catch-up
 * policy to instants missed while no node was running, and queues the next wake-up. A schedule
 * costs one row in the scheduler table and no thread.
 */
public final class ScheduleWaker {
  private static final Logger log = LoggerFactory.getLogger(ScheduleWaker.class);
  /** A wake-up later than this counts as missed for the SKIP policy. */
  static final Duration ON_TIME_GRACE = Duration.ofMinutes(1);
  /** Counting missed instants stops here; the count says "at least". */
  private static final int MAX_COUNTED = 100_000;

  private final AgentStore agents;
  private final Transactor tx;
  private final RunLauncher launcher;
  private final RunQueue queue;
  private final Clock clock;
  /** Set by {@link #wake} when the wake-up's signature is stale: what to queue instead. */
  private final ThreadLocal<RunQueue.QueuedWake> staleReplacement = new ThreadLocal<>();

  /** After {@link #wake} returned empty for a changed schedule: the wake-up to queue instead. */
  public Optional<RunQueue.QueuedWake> takeReplacement() {
    RunQueue.QueuedWake r = staleReplacement.get();
    staleReplacement.remove();
    return Optional.ofNullable(r);
  }

  public ScheduleWaker(AgentStore agents, Transactor tx, RunLauncher launcher, RunQueue queue, Clock clock) {
    this.agents = agents;
    this.tx = tx;
    this.launcher = launcher;
    this.queue = queue;
    this.clock = clock;
  }

  /** The queue signature of a schedule: a changed cron or zone re-plans the wake-up. */
  public static String signature(Trigger.Schedule s) {
    return s.cron() + "|" + s.zone().getId() + "|" + s.catchUp().text();
  }

  /**
   * Handles the wake-up of {@code ref} that was due at {@code dueAt}. Returns when to wake next,
   * or empty when the schedule no longer exists.
   */
  public Optional<Instant> wake(TaskRef ref, String signature, Instant dueAt) {
    staleReplacement.remove();
    return tx.inTransaction(() -> {
      Optional<Agent> agent = agents.find(ref.agent());
      Optional<TaskSpec> task = agent.flatMap(a -> a.tasks().stream().filter(t -> t.name().equals(ref.task())).findFirst());
      if (agent.isEmpty() || task.isEmpty() || agent.get().paused() || !task.get().enabled()
          || !(task.get().trigger() instanceof Trigger.Schedule schedule)) {
        log.info("schedule no longer active, dropping its wake-up task={}", ref);
        return Optional.<Instant>empty();
      }
      if (!signature(schedule).equals(signature)) {
        // The schedule changed after this wake-up was queued: re-plan from now under the new
        // signature (a separate execution), run nothing, and drop this one.
        schedule.cron().nextAfter(clock.instant(), schedule.zone())
            .ifPresent(next -> staleReplacement.set(new RunQueue.QueuedWake(signature(schedule), next)));
        return Optional.<Instant>empty();
      }
      Instant now = clock.instant();
      List<Instant> missed = new ArrayList<>();
      int counted = 0;
      Instant cursor = dueAt;
      while (counted < MAX_COUNTED) {
        Optional<Instant> n = schedule.cron().nextAfter(cursor, schedule.zone());
        if (n.isEmpty() || n.get().isAfter(now)) break;
        if (missed.size() < CatchUpPolicy.MAX_RUN_ALL - 1) missed.add(n.get());
        cursor = n.get();
        counted++;
      }
      switch (schedule.catchUp()) {
        case RUN_ONCE -> {
          Instant standsFor = counted == 0 ? dueAt : cursor;
          launcher.launch(agent.get(), task.get(), new WakeReason.Scheduled(standsFor, counted));
          if (counted > 0) {
            log.info("schedule caught up after downtime task={} missed={} policy=run-once", ref, counted);
          }
        }
        case SKIP -> {
          if (counted == 0 && !now.isAfter(dueAt.plus(ON_TIME_GRACE))) {
            launcher.launch(agent.get(), task.get(), new WakeReason.Scheduled(dueAt, 0));
          } else {
            log.info("schedule skipped missed instants task={} missed={} policy=skip", ref, counted + 1);
          }
        }
        case RUN_ALL -> {
          launcher.launch(agent.get(), task.get(), new WakeReason.Scheduled(dueAt, 0));
          for (Instant m : missed) {
            launcher.launch(agent.get(), task.get(), new WakeReason.Scheduled(m, 0));
          }
          if (counted > missed.size()) {
            log.warn("schedule missed more instants than run-all starts task={} missed={} started={}", ref, counted,
                missed.size() + 1);
          }
        }
      }
      return schedule.cron().nextAfter(now, schedule.zone());
    });
  }

  /**
   * Makes the queued wake-ups of {@code agent} match its tasks. Keeps an unchanged schedule's
   * queued instant (so re-applying the same agents.yaml does not lose a missed instant); must run
   * inside the transaction that saves the agent.
   */
  public void sync(Optional<Agent> before, Optional<Agent> after) {
    Instant now = clock.instant();
    List<String> keep = new ArrayList<>();
    if (after.isPresent() && !after.get().paused()) {
      for (TaskSpec task : after.get().tasks()) {
        if (!task.enabled() || !(task.trigger() instanceof Trigger.Schedule schedule)) continue;
        TaskRef ref = new TaskRef(after.get().id(), task.name());
        keep.add(task.name());
        String sig = signature(schedule);
        Optional<RunQueue.QueuedWake> queued = queue.wake(ref);
        if (queued.isPresent() && queued.get().signature().equals(sig)) continue;
        Optional<Instant> next = schedule.cron().nextAfter(now, schedule.zone());
        if (next.isPresent()) {
          queue.putWake(ref, sig, next.get());
          log.info("schedule planned task={} cron=\"{}\" zone={} next={}", ref, schedule.cron(), schedule.zone(), next.get());
        } else {
          log.warn("schedule never fires, nothing planned task={} cron=\"{}\"", ref, schedule.cron());
          queue.removeWake(ref);
        }
      }
    }
    List<Agent> agentsToClear = new ArrayList<>();
    before.ifPresent(agentsToClear::add);
    after.ifPresent(agentsToClear::add);
    for (Agent a : agentsToClear) {
      for (TaskSpec task : a.tasks()) {
        if (!keep.contains(task.name()) && task.trigger() instanceof Trigger.Schedule) {
          queue.removeWake(new TaskRef(a.id(), task.name()));
        }
      }
    }
  }
}
