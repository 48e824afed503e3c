package dev.vigil.engine.internal;

import static dev.vigil.engine.testing.EngineParts.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.TaskRef;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.CatchUpPolicy;
import dev.vigil.core.trigger.CronExpression;
import dev.vigil.core.trigger.Trigger;
import dev.vigil.engine.testing.EngineParts;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.engine.testing.RecordingChatChannel;
import dev.vigil.engine.testing.StubHttpProbe;
import dev.vigil.store.Database;
import dev.vigil.store.testing.TestDatabases;
import dev.vigil.tasks.heartbeat.HeartbeatTaskKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Schedules: {@link ScheduleWaker#wake} with each catch-up policy after on-time and late wake-ups,
 * and {@link ScheduleWaker#sync} keeping the queued wake-ups in line with the agents. The queue is
 * in memory; agents and runs are on a real (H2) database. The clock moves only by hand.
 */
class ScheduleWakerTest {
  private static final Instant TEN = Instant.parse("2026-05-04T10:00:00Z");
  private static final String HOURLY = "0 * * * *";
  private static Database database;

  private final MutableClock clock = new MutableClock(TEN);
  private final EngineParts parts =
      new EngineParts(database, clock, new RecordingChatChannel("chat"), new StubHttpProbe(), new HeartbeatTaskKind());

  @BeforeAll
  static void open() {
    database = TestDatabases.h2();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static Trigger.Schedule schedule(String cron, CatchUpPolicy policy) {
    return new Trigger.Schedule(CronExpression.parse(cron), ZoneOffset.UTC, policy);
  }

  private static TaskSpec task(String name, Trigger trigger, boolean enabled) {
    return new TaskSpec(name, "heartbeat", Map.of("channel", "#ops"), trigger, enabled);
  }

  private Agent savedAgentWith(Trigger.Schedule schedule) {
    return parts.save(agent(List.of(new Grant("chat", "chat:post", List.of())), task("beat", schedule, true)));
  }

  private static TaskRef beat(Agent agent) {
    return new TaskRef(agent.id(), "beat");
  }

  /** The scheduled-for instants and skipped counts of the runs queued, in queue order. */
  private List<WakeReason.Scheduled> queuedRuns() {
    return parts.queue.runs().stream().map(parts::run).map(r -> (WakeReason.Scheduled) r.wake()).toList();
  }

  private static Instant hoursAfterTen(int hours) {
    return TEN.plus(Duration.ofHours(hours));
  }

  @Nested
  class Wake {
    @Test
    void on_time_wake_up_starts_one_run_for_its_instant_and_plans_the_next() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(s);
      clock.set(TEN.plusSeconds(3));

      Optional<Instant> next = parts.waker.wake(beat(agent), ScheduleWaker.signature(s), TEN);

      assertThat(next).contains(hoursAfterTen(1));
      assertThat(queuedRuns()).containsExactly(new WakeReason.Scheduled(TEN, 0));
      RunId id = parts.queue.runs().getFirst();
      Run run = parts.run(id);
      assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
      assertThat(run.task()).isEqualTo("beat");
      assertThat(run.plan()).extracting(p -> p.name()).containsExactly("compose", "post");
      assertThat(parts.queue.runDueAt(id)).contains(TEN.plusSeconds(3));
    }

    @Test
    void run_once_after_downtime_starts_one_run_for_the_latest_instant_counting_the_others_as_skipped() {
      // Due 10:00, the node came back at 15:30: 10, 11, 12, 13, 14 and 15 o'clock were missed. One
      // run stands for 15:00; the 5 instants before it are folded into it (skipped = 5).
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(s);
      clock.set(hoursAfterTen(5).plus(Duration.ofMinutes(30)));

      Optional<Instant> next = parts.waker.wake(beat(agent), ScheduleWaker.signature(s), TEN);

      assertThat(queuedRuns()).containsExactly(new WakeReason.Scheduled(hoursAfterTen(5), 5));
      assertThat(next).contains(hoursAfterTen(6));
    }

    @Test
    void run_once_late_within_the_same_interval_skips_nothing() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(s);
      clock.set(TEN.plus(Duration.ofMinutes(50)));

      parts.waker.wake(beat(agent), ScheduleWaker.signature(s), TEN);

      assertThat(queuedRuns()).containsExactly(new WakeReason.Scheduled(TEN, 0));
    }

    @Test
    void skip_on_time_starts_the_run() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.SKIP);
      Agent agent = savedAgentWith(s);
      clock.set(TEN.plus(ScheduleWaker.ON_TIME_GRACE));

      assertThat(parts.waker.wake(beat(agent), ScheduleWaker.signature(s), TEN)).contains(hoursAfterTen(1));
      assertThat(queuedRuns()).containsExactly(new WakeReason.Scheduled(TEN, 0));
    }

    @Test
    void skip_starts_nothing_when_the_wake_up_is_later_than_the_grace() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.SKIP);
      Agent agent = savedAgentWith(s);
      clock.set(TEN.plus(ScheduleWaker.ON_TIME_GRACE).plusMillis(1));

      assertThat(parts.waker.wake(beat(agent), ScheduleWaker.signature(s), TEN)).contains(hoursAfterTen(1));
      assertThat(parts.queue.runs()).isEmpty();
    }

    @Test
    void skip_after_downtime_starts_nothing_and_plans_the_next_future_instant() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.SKIP);
      Agent agent = savedAgentWith(s);
      clock.set(hoursAfterTen(5).plus(Duration.ofMinutes(30)));

      assertThat(parts.waker.wake(beat(agent), ScheduleWaker.signature(s), TEN)).contains(hoursAfterTen(6));
      assertThat(parts.queue.runs()).isEmpty();
    }

    @Test
    void run_all_after_downtime_starts_one_run_per_missed_instant_oldest_first() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ALL);
      Agent agent = savedAgentWith(s);
      clock.set(hoursAfterTen(5).plus(Duration.ofMinutes(30)));

      Optional<Instant> next = parts.waker.wake(beat(agent), ScheduleWaker.signature(s), TEN);

      assertThat(queuedRuns()).containsExactly(
          new WakeReason.Scheduled(TEN, 0),
          new WakeReason.Scheduled(hoursAfterTen(1), 0),
          new WakeReason.Scheduled(hoursAfterTen(2), 0),
          new WakeReason.Scheduled(hoursAfterTen(3), 0),
          new WakeReason.Scheduled(hoursAfterTen(4), 0),
          new WakeReason.Scheduled(hoursAfterTen(5), 0));
      assertThat(next).contains(hoursAfterTen(6));
    }
    @Test
    void run_all_after_a_long_outage_starts_at_most_max_run_all_runs() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ALL);
      Agent agent = savedAgentWith(s);
      clock.set(hoursAfterTen(150).plusSeconds(1));

      parts.waker.wake(beat(agent), ScheduleWaker.signature(s), TEN);

      assertThat(parts.queue.runs()).hasSizeLessThanOrEqualTo(CatchUpPolicy.MAX_RUN_ALL);
    }

    @Test
    void wake_up_queued_for_an_older_version_of_the_schedule_runs_nothing_and_replans() {
      Trigger.Schedule old = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Trigger.Schedule now = schedule("30 */2 * * *", CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(now);
      clock.set(TEN.plusSeconds(1));

      assertThat(parts.waker.wake(beat(agent), ScheduleWaker.signature(old), TEN)).isEmpty();
      // The wake-up is re-queued under the new signature, so later wake-ups match it.
      assertThat(parts.waker.takeReplacement()).contains(
          new RunQueue.QueuedWake(ScheduleWaker.signature(now), TEN.plus(Duration.ofMinutes(30))));
      assertThat(parts.queue.runs()).isEmpty();
    }

    @Test
    void wake_up_of_a_paused_agent_a_disabled_task_or_a_deleted_agent_is_dropped() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      String sig = ScheduleWaker.signature(s);
      Agent paused = parts.save(savedAgentWith(s).withPaused(true));
      Agent disabled = parts.save(agent(List.of(), task("beat", s, false)));
      Agent deleted = savedAgentWith(s);
      parts.agents.delete(deleted.id());

      for (Agent agent : List.of(paused, disabled, deleted)) {
        assertThat(parts.waker.wake(beat(agent), sig, TEN)).as(agent.id().value()).isEmpty();
      }
      assertThat(parts.queue.runs()).isEmpty();
    }

    @Test
    void schedule_in_a_time_zone_plans_the_next_wall_clock_instant_there() {
      Trigger.Schedule s = new Trigger.Schedule(CronExpression.parse("0 9 * * *"), ZoneId.of("Europe/Berlin"),
          CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(s);
      Instant nineBerlin = Instant.parse("2026-05-04T07:00:00Z");
      clock.set(nineBerlin.plusSeconds(2));

      assertThat(parts.waker.wake(beat(agent), ScheduleWaker.signature(s), nineBerlin))
          .contains(Instant.parse("2026-05-05T07:00:00Z"));
    }
  }

  @Nested
  class Sync {
    @Test
    void new_schedule_is_queued_for_its_next_instant_with_its_signature() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(s);
      clock.set(TEN.plus(Duration.ofMinutes(20)));

      parts.waker.sync(Optional.empty(), Optional.of(agent));

      assertThat(parts.queue.wake(beat(agent)))
          .contains(new RunQueue.QueuedWake(ScheduleWaker.signature(s), hoursAfterTen(1)));
    }

    @Test
    void unchanged_schedule_keeps_its_queued_instant_so_a_missed_instant_is_not_lost() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(s);
      parts.waker.sync(Optional.empty(), Optional.of(agent));
      Instant queued = parts.queue.wake(beat(agent)).orElseThrow().at();
      clock.set(queued.plus(Duration.ofHours(3))); // the node was down; the same agents.yaml is applied again

      parts.waker.sync(Optional.of(agent), Optional.of(agent));

      assertThat(parts.queue.wake(beat(agent))).contains(new RunQueue.QueuedWake(ScheduleWaker.signature(s), queued));
    }

    @Test
    void changed_cron_zone_or_policy_replans_from_now() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Agent before = savedAgentWith(s);
      parts.waker.sync(Optional.empty(), Optional.of(before));
      clock.set(TEN.plus(Duration.ofMinutes(5)));

      for (Trigger.Schedule changed : List.of(
          schedule("*/15 * * * *", CatchUpPolicy.RUN_ONCE),
          new Trigger.Schedule(CronExpression.parse("*/15 * * * *"), ZoneId.of("Asia/Kolkata"), CatchUpPolicy.RUN_ONCE),
          new Trigger.Schedule(CronExpression.parse("*/15 * * * *"), ZoneId.of("Asia/Kolkata"), CatchUpPolicy.SKIP))) {
        Agent after = withTask(before, task("beat", changed, true));
        parts.waker.sync(Optional.of(before), Optional.of(after));
        assertThat(parts.queue.wake(beat(after))).as(ScheduleWaker.signature(changed))
            .contains(new RunQueue.QueuedWake(ScheduleWaker.signature(changed), TEN.plus(Duration.ofMinutes(15))));
        before = after;
      }
    }

    @Test
    void removed_disabled_or_event_triggered_task_loses_its_wake_up() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Agent before = savedAgentWith(s);
      List<Agent> afters = List.of(
          withTasks(before),
          withTask(before, task("beat", s, false)),
          withTask(before, task("beat", new Trigger.OnEvent("github", "deployment_status", null, null), true)));

      for (Agent after : afters) {
        parts.waker.sync(Optional.empty(), Optional.of(before));
        assertThat(parts.queue.wake(beat(before))).isPresent();

        parts.waker.sync(Optional.of(before), Optional.of(after));

        assertThat(parts.queue.wake(beat(before))).as(after.tasks().toString()).isEmpty();
      }
    }

    @Test
    void paused_or_deleted_agent_loses_its_wake_ups_and_a_resumed_one_is_planned_from_now() {
      Trigger.Schedule s = schedule(HOURLY, CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(s);
      parts.waker.sync(Optional.empty(), Optional.of(agent));

      parts.waker.sync(Optional.of(agent), Optional.of(agent.withPaused(true)));
      assertThat(parts.queue.wake(beat(agent))).isEmpty();

      clock.set(hoursAfterTen(3).plusSeconds(1));
      parts.waker.sync(Optional.of(agent.withPaused(true)), Optional.of(agent));
      assertThat(parts.queue.wake(beat(agent))).map(RunQueue.QueuedWake::at).contains(hoursAfterTen(4));

      parts.waker.sync(Optional.of(agent), Optional.empty());
      assertThat(parts.queue.wake(beat(agent))).isEmpty();
    }

    @Test
    void schedule_that_never_fires_is_not_queued() {
      Trigger.Schedule never = schedule("0 0 30 2 *", CatchUpPolicy.RUN_ONCE);
      Agent agent = savedAgentWith(never);

      parts.waker.sync(Optional.empty(), Optional.of(agent));

      assertThat(parts.queue.wake(beat(agent))).isEmpty();
    }

    private static Agent withTask(Agent agent, TaskSpec task) {
      return withTasks(agent, task);
    }

    private static Agent withTasks(Agent agent, TaskSpec... tasks) {
      return new Agent(agent.id(), agent.purpose(), agent.owner(), agent.channels(), agent.grants(), agent.skills(),
          List.of(tasks), agent.memory(), agent.paused());
    }
  }
}
