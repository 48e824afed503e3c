package dev.vigil.engine;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.message.InboundMessage;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.InvalidInputException;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.core.task.TaskRef;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.Trigger;
import dev.vigil.engine.internal.DbSchedulerRunQueue;
import dev.vigil.engine.internal.DueWorkSignal;
import dev.vigil.engine.internal.Next;
import dev.vigil.engine.internal.RunAdvancer;
import dev.vigil.engine.internal.RunLauncher;
import dev.vigil.engine.internal.RunQueue;
import dev.vigil.engine.internal.ScheduleWaker;
import dev.vigil.engine.internal.TextSerializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's durable engine on one node. Agents in standby cost their rows; the scheduler table holds
 * one row per queued run and per scheduled task, and worker threads exist only for runs being
 * advanced. Several nodes may share one PostgreSQL database: db-scheduler's locking makes sure each
 * due execution runs on exactly one of them.
 *
 * <p>Thread-safe. {@link #start()} once, {@link #close()} at shutdown.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final EnginePorts ports;
  private final TaskKindRegistry kinds;
  private final Clock clock;
  private final Scheduler scheduler;
  private final DataSource schedulerTable;
  private final RunLauncher launcher;
  private final ScheduleWaker waker;
  private final RunAdvancer advancer;
  private final DueWorkSignal dueWork;
  /**
   * Events and messages being accepted at once. A webhook burst on many request threads otherwise
   * takes nearly every database connection and commit, and the workers that start the runs it
   * queued wait until the burst ends; a few acceptances at a time keep up with hundreds a second.
   */
  private final java.util.concurrent.Semaphore admission;
  private volatile boolean started;

  /**
   * @param rawDataSource pooled connections the scheduler manages itself
   * @param transactionalDataSource connections that join the {@link EnginePorts#transactor()}
   *     transaction, so runs are queued atomically with what created them
   * @param postgres whether the database is PostgreSQL (enables {@code SKIP LOCKED} polling)
   */
  public Engine(EngineSettings settings, EnginePorts ports, TaskKindRegistry kinds, DataSource rawDataSource,
      DataSource transactionalDataSource, boolean postgres, EngineMetrics metrics, Clock clock) {
    this.ports = ports;
    this.kinds = kinds;
    this.clock = clock;
    this.advancer = new RunAdvancer(ports, kinds, settings, metrics, clock);
    this.dueWork = new DueWorkSignal(settings.threads(), this::checkForDueWorkNow);
    this.admission = new java.util.concurrent.Semaphore(Math.max(2, settings.threads() / 4), true);

    CustomTask<String> runTask = Tasks.custom(RunQueue.RUN_TASK, String.class)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(5)))
        .onDeadExecutionRevive()
        .execute((instance, context) -> {
          dueWork.workerStarted();
          try {
            metrics.schedulerLag(Duration.between(context.getExecution().executionTime, clock.instant()));
            Next next = advancer.advance(new RunId(instance.getId()));
            return completion(next);
          } finally {
            dueWork.workerFinished();
          }
        });
    CustomTask<String> wakeTask = Tasks.custom(RunQueue.WAKE_TASK, String.class)
        .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
        .onDeadExecutionRevive()
        .execute((instance, context) -> {
          dueWork.workerStarted();
          try {
            Instant dueAt = context.getExecution().executionTime;
            metrics.schedulerLag(Duration.between(dueAt, clock.instant()));
            return completion(onWake(TaskRef.parse(instance.getId()), instance.getData(), dueAt));
          } finally {
            dueWork.workerFinished();
          }
        });

    SchedulerClient client = SchedulerClient.Builder.create(transactionalDataSource, runTask, wakeTask)
        .serializer(new TextSerializer()).build();
    RunQueue queue = new DbSchedulerRunQueue(client);
    this.launcher = new RunLauncher(ports.runs(), queue, kinds, clock);
    this.waker = new ScheduleWaker(ports.agents(), ports.transactor(), launcher, queue, clock);

    var builder = Scheduler.create(rawDataSource, runTask, wakeTask)
        .serializer(new TextSerializer())
        .threads(settings.threads())
        .pollingInterval(settings.pollingInterval())
        .heartbeatInterval(settings.heartbeatInterval())
        .missedHeartbeatsLimit(settings.missedHeartbeats())
        .schedulerName(new SchedulerName.Fixed(settings.nodeName()))
        .clock(clock::instant)
        .shutdownMaxWait(Duration.ofSeconds(10))
        .enableImmediateExecution();
    if (postgres) {
      builder = builder.pollUsingLockAndFetch(0.5, 1.0);
    }
    this.scheduler = builder.build();
    this.schedulerTable = rawDataSource;
  }

  private Next onWake(TaskRef task, String signature, Instant dueAt) {
    Optional<Instant> next = waker.wake(task, signature, dueAt);
    Optional<RunQueue.QueuedWake> replacement = waker.takeReplacement();
    if (replacement.isPresent()) {
      // Same instance id: rescheduling it with the new signature as its data.
      return new Next.ContinueAt(replacement.get().at(), replacement.get().signature());
    }
    // Runs were queued by the wake-up's transaction; pick them up now, not at the next poll.
    triggerCheck();
    return next.<Next>map(Next::at).orElse(Next.finished());
  }

  private static CompletionHandler<String> completion(Next next) {
    return switch (next) {
      case Next.Finished f -> new CompletionHandler.OnCompleteRemove<>();
      case Next.ContinueAt c -> c.data() == null
          ? (complete, ops) -> ops.reschedule(complete, c.at())
          : (complete, ops) -> ops.reschedule(complete, c.at(), c.data());
    };
  }

  public void start() {
    scheduler.start();
    started = true;
    log.info("engine started kinds={}", kinds.all().stream().map(k -> k.name()).toList());
  }

  public boolean isStarted() {
    return started;
  }

  /**
   * Validates and saves an agent and re-plans its schedules, in one transaction.
   *
   * @return the agent as stored (parameters normalised)
   * @throws InvalidInputException naming every problem
   */
  public Agent saveAgent(Agent agent) {
    Agent valid = kinds.validate(agent);
    ports.transactor().run(() -> {
      Optional<Agent> before = ports.agents().find(valid.id());
      ports.agents().save(valid, clock.instant());
      waker.sync(before, Optional.of(valid));
    });
    return valid;
  }

  /** Saves several agents atomically (agents.yaml apply). */
  public List<Agent> saveAgents(List<Agent> agents) {
    List<Agent> valid = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Agent a : agents) {
      try {
        valid.add(kinds.validate(a));
      } catch (InvalidInputException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    ports.transactor().run(() -> {
      for (Agent a : valid) {
        Optional<Agent> before = ports.agents().find(a.id());
        ports.agents().save(a, clock.instant());
        waker.sync(before, Optional.of(a));
      }
    });
    return valid;
  }

  public boolean deleteAgent(AgentId id) {
    return ports.transactor().inTransaction(() -> {
      Optional<Agent> before = ports.agents().find(id);
      if (before.isEmpty()) return false;
      waker.sync(before, Optional.empty());
      return ports.agents().delete(id);
    });
  }

  public Optional<Agent> setPaused(AgentId id, boolean paused) {
    return ports.transactor().inTransaction(() -> ports.agents().find(id).map(a -> {
      Agent changed = a.withPaused(paused);
      ports.agents().save(changed, clock.instant());
      waker.sync(Optional.of(a), Optional.of(changed));
      log.info("agent {} agent={}", paused ? "paused" : "resumed", id);
      return changed;
    }));
  }

  /**
   * Starts a run of {@code task} now, whatever its trigger.
   *
   * @throws InvalidInputException when the agent or task does not exist
   */
  public RunId startRun(TaskRef task, WakeReason why) {
    RunId id = ports.transactor().inTransaction(() -> {
      Agent agent = ports.agents().find(task.agent())
          .orElseThrow(() -> new InvalidInputException("agent '" + task.agent() + "' does not exist"));
      TaskSpec spec = agent.tasks().stream().filter(t -> t.name().equals(task.task())).findFirst()
          .orElseThrow(() -> new InvalidInputException("agent '" + task.agent() + "' has no task '" + task.task() + "'"));
      return launcher.launch(agent, spec, why);
    });
    triggerCheck();
    return id;
  }

  /**
   * Stores the event and starts a run for every matching event trigger, in one transaction: when
   * this returns the event is durable and its runs are queued. A redelivery (same source and
   * delivery id) starts nothing.
   */
  public EventAcceptance acceptEvent(Event event) {
    WakeReason why = new WakeReason.OnEvent(event.id(), event.source(), event.type());
    return acceptAndLaunch(event, () -> ports.agents().eventTriggerCandidates(event.source(), event.type()),
        (agent, trigger) -> trigger instanceof Trigger.OnEvent on && on.matches(event), why);
  }

  /** Stores {@code event} unless it is a redelivery, then launches each candidate task that matches. */
  private EventAcceptance acceptAndLaunch(Event event, java.util.function.Supplier<List<TaskRef>> candidates,
      java.util.function.BiPredicate<Agent, Trigger> matches, WakeReason why) {
    admission.acquireUninterruptibly();
    EventAcceptance result;
    try {
      result = acceptInTransaction(event, candidates, matches, why);
    } finally {
      admission.release();
    }
    if (!result.runs().isEmpty()) triggerCheck();
    return result;
  }

  private EventAcceptance acceptInTransaction(Event event, java.util.function.Supplier<List<TaskRef>> candidates,
      java.util.function.BiPredicate<Agent, Trigger> matches, WakeReason why) {
    return ports.transactor().inTransaction(() -> {
      Optional<EventId> duplicate = ports.events().saveUnlessDuplicate(event);
      if (duplicate.isPresent()) {
        return new EventAcceptance(event.id(), duplicate, List.of());
      }
      List<RunId> runs = new ArrayList<>();
      Map<AgentId, Optional<Agent>> loaded = new HashMap<>();
      for (TaskRef ref : candidates.get()) {
        Optional<Agent> agent = loaded.computeIfAbsent(ref.agent(), ports.agents()::find);
        if (agent.isEmpty() || agent.get().paused()) continue;
        for (TaskSpec task : agent.get().tasks()) {
          if (task.name().equals(ref.task()) && task.enabled() && task.trigger() != null
              && matches.test(agent.get(), task.trigger())) {
            runs.add(launcher.launch(agent.get(), task, why));
          }
        }
      }
      return new EventAcceptance(event.id(), Optional.empty(), runs);
    });
  }

  /**
   * Stores a chat message (as an event of type {@code message} from its integration, so it is
   * durable and a redelivery is recognised) and starts a run for every message trigger it
   * matches, in one transaction.
   *
   * @param rawPayload the message as its integration delivered it, kept for the record
   */
  public EventAcceptance acceptMessage(InboundMessage message, String rawPayload) {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    labels.put("channel", message.channel());
    labels.put("author", message.author());
    labels.put("direct", String.valueOf(message.direct()));
    if (!message.mentions().isEmpty()) labels.put("mentions", String.join(",", message.mentions()));
    Event stored = new Event(EventId.random(), message.integration(), "message", message.channel(), message.at(),
        message.deliveryId(), labels, message.text(), rawPayload);
    WakeReason why = new WakeReason.OnMessage(message.channel(), message.author(), message.text());
    return acceptAndLaunch(stored, ports.agents()::messageTriggerCandidates,
        (agent, trigger) -> trigger instanceof Trigger.OnMessage on && on.matches(message, agent.id(), agent.channels()), why);
  }

  /** Cancels a live run; its pending posts are still delivered. */
  public Optional<Run> cancelRun(RunId id, String reason) {
    return ports.transactor().inTransaction(() -> ports.runs().find(id).map(run -> {
      if (run.status().terminal()) return run;
      Run cancelled = run.cancelled(clock.instant(), reason);
      ports.runs().update(cancelled);
      return cancelled;
    }));
  }

  /** When the scheduled task next wakes, if it is scheduled. */
  public Optional<Instant> nextWake(TaskRef task) {
    return scheduler.getScheduledExecution(TaskInstanceId.of(RunQueue.WAKE_TASK, task.toString()))
        .map(e -> e.getExecutionTime());
  }

  /**
   * When each of these scheduled tasks next wakes, read in one query (the console shows a page of
   * agents at once, and one lookup per task made that page the slowest); tasks without a schedule
   * are absent from the answer.
   */
  public Map<TaskRef, Instant> nextWakes(java.util.Collection<TaskRef> tasks) {
    if (tasks.isEmpty()) return Map.of();
    Map<String, TaskRef> byInstance = new HashMap<>();
    tasks.forEach(t -> byInstance.put(t.toString(), t));
    String marks = String.join(", ", java.util.Collections.nCopies(byInstance.size(), "?"));
    Map<TaskRef, Instant> next = new HashMap<>();
    try (java.sql.Connection c = schedulerTable.getConnection();
        java.sql.PreparedStatement ps = c.prepareStatement("select task_instance, execution_time from scheduled_tasks"
            + " where task_name = ? and task_instance in (" + marks + ")")) {
      ps.setString(1, RunQueue.WAKE_TASK);
      int i = 2;
      for (String instance : byInstance.keySet()) ps.setString(i++, instance);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          next.put(byInstance.get(rs.getString(1)), rs.getTimestamp(2).toInstant());
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read the next wake-ups of " + tasks.size() + " tasks: " + e.getMessage(), e);
    }
    return next;
  }

  /** Number of executions currently queued in the scheduler, by task name. */
  public Map<String, Integer> queuedByKind() {
    Map<String, Integer> out = new HashMap<>();
    scheduler.getScheduledExecutionsSummaryByTask().forEach(s -> out.put(s.taskName(), s.instanceCount()));
    return out;
  }

  private void checkForDueWorkNow() {
    if (started) {
      scheduler.triggerCheckForDueExecutions();
    }
  }

  private void triggerCheck() {
    dueWork.workQueued();
  }

  @Override
  public void close() {
    started = false;
    scheduler.stop();
  }
}
