package dev.vigil.store;

import dev.vigil.core.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.event.HookRules;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.outbox.OutboxStatus;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.port.HookStore;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.StepRecord;
import dev.vigil.core.run.StepStatus;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.security.ApiToken;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.TaskRef;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.CatchUpPolicy;
import dev.vigil.core.trigger.CronExpression;
import dev.vigil.core.trigger.Trigger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The contract every database Vigil's JDBC stores run on must keep. A subclass opens one
 * {@link Database} for the class (in {@code @BeforeAll}) and returns it from {@link #database()};
 * tests share it, so each one works on its own agents, runs, keys and actors and never assumes an
 * empty table.
 *
 * <p>Instants are written at microsecond precision, the finest both databases keep, and must come
 * back exactly.
 */
public abstract class StoreContract {
  /** A base far from "now", with a sub-millisecond part that a millisecond column would lose. */
  private static final Instant T0 = Instant.parse("2031-03-04T05:06:07.123456Z");
  private static final AtomicLong SEQUENCE = new AtomicLong();

  protected abstract Database database();

  private Database db;
  private JdbcAgentStore agents;
  private JdbcRunStore runs;
  private JdbcOutboxStore outbox;
  private JdbcFindingStore findings;
  private JdbcEventStore events;
  private JdbcAuditLog audit;
  private JdbcApiTokenStore tokens;
  private MutableClock clock;

  @BeforeEach
  void createStores() {
    db = database();
    clock = new MutableClock(T0);
    agents = new JdbcAgentStore(db);
    runs = new JdbcRunStore(db);
    outbox = new JdbcOutboxStore(db);
    findings = new JdbcFindingStore(db);
    events = new JdbcEventStore(db, clock);
    audit = new JdbcAuditLog(db);
    tokens = new JdbcApiTokenStore(db);
  }

  // ---------------------------------------------------------------- integrations

  @Test
  void saved_integration_reads_back_equal_with_its_credential_references() {
    IntegrationConfig prom = new IntegrationConfig(uniqueSlug("prom"), IntegrationType.PROMETHEUS, List.of("payments"),
        Map.of("url", "http://prometheus:9090", "tenant", "team-a", "auth.basic.username", "vigil"),
        Map.of("auth.basic.password", SecretRef.parse("${file:/run/secrets/prom}")));
    IntegrationStore store = new JdbcIntegrationStore(db);

    store.save(prom, T0);

    assertThat(store.find(prom.name())).contains(prom);
    assertThat(store.list()).contains(prom);
  }

  @Test
  void saving_an_integration_again_replaces_it_and_delete_removes_it() {
    String name = uniqueSlug("gh");
    IntegrationStore store = new JdbcIntegrationStore(db);
    store.save(new IntegrationConfig(name, IntegrationType.GITHUB, List.of(), Map.of(),
        Map.of("webhookSecret", SecretRef.parse("${env:OLD_SECRET}"))), T0);
    IntegrationConfig replacement = new IntegrationConfig(name, IntegrationType.GITHUB, List.of(),
        Map.of("url", "https://github.example.com/api/v3"), Map.of("webhookSecret", SecretRef.parse("${env:NEW_SECRET}")));

    store.save(replacement, T0.plusSeconds(1));

    assertThat(store.find(name)).contains(replacement);
    assertThat(store.delete(name)).isTrue();
    assertThat(store.find(name)).isEmpty();
    assertThat(store.delete(name)).isFalse();
  }

  // ---------------------------------------------------------------- hooks

  @Test
  void saved_hook_rules_read_back_equal_and_saving_again_replaces_them() {
    String source = uniqueSlug("argocd");
    HookRules rules = AgentDocument.readHook(Map.of("source", source, "secret", "${env:ARGOCD_HOOK_SECRET}",
        "type", "argocd.{$.app.status.operationState.phase}", "id", "$.app.metadata.uid",
        "labels", Map.of("app", "$.app.metadata.name"),
        "when", Map.of("path", "$.app.status.operationState.phase", "equals", List.of("Succeeded", "Failed"))), "hook");
    HookStore store = new JdbcHookStore(db);

    store.save(rules, T0);
    assertThat(store.find(source)).contains(rules);
    assertThat(store.list()).contains(rules);

    HookRules replacement = AgentDocument.readHook(Map.of("source", source, "type", "$.kind"), "hook");
    store.save(replacement, T0.plusSeconds(1));
    assertThat(store.find(source)).contains(replacement);
    assertThat(store.find(uniqueSlug("absent"))).isEmpty();
  }

  // ---------------------------------------------------------------- agents

  @Test
  void saved_agent_reads_back_equal_with_schedule_event_and_message_triggers() {
    Agent agent = fullAgent(uniqueSlug("full"));

    agents.save(agent, T0);

    assertThat(agents.find(agent.id())).contains(agent);
  }

  @Test
  void saving_an_agent_again_replaces_it_and_its_task_index() {
    AgentId id = new AgentId(uniqueSlug("replace"));
    String source = uniqueSlug("src");
    agents.save(agent(id, false, eventTask("old", source, "push", true)), T0);
    long count = agents.count();

    Agent replacement = new Agent(id, "second version", "team-b", List.of("#b"), List.of(), List.of(),
        List.of(eventTask("new", source, "push", true)), List.of("remember this"), false);
    agents.save(replacement, T0.plusSeconds(1));

    assertThat(agents.find(id)).contains(replacement);
    assertThat(agents.count()).isEqualTo(count);
    assertThat(candidatesOf(id, source, "push")).containsExactly(new TaskRef(id, "new"));
  }

  @Test
  void find_of_an_unknown_agent_is_empty() {
    assertThat(agents.find(new AgentId(uniqueSlug("nobody")))).isEmpty();
  }

  @Test
  void list_pages_agents_by_name() {
    String prefix = uniqueSlug("page") + "-";
    // Saved out of order: the store orders by name. Every name between prefix and prefix + "d"
    // starts with prefix, so other tests' agents cannot fall into these pages.
    for (String suffix : List.of("c", "a", "b")) {
      agents.save(agent(new AgentId(prefix + suffix), false), T0);
    }

    List<Agent> first = agents.list(prefix, 2);
    assertThat(first).extracting(a -> a.id().value()).containsExactly(prefix + "a", prefix + "b");
    List<Agent> second = agents.list(first.get(1).id().value(), 2);
    assertThat(second).isNotEmpty();
    assertThat(second.get(0).id().value()).isEqualTo(prefix + "c");
  }

  @Test
  void list_without_a_start_begins_at_the_first_name_and_respects_the_limit() {
    agents.save(agent(new AgentId(uniqueSlug("first")), false), T0);

    List<Agent> page = agents.list(null, 1);

    assertThat(page).hasSize(1);
    assertThat(agents.list(null, 1000)).first().isEqualTo(page.get(0));
  }

  @Test
  void count_and_delete_follow_saves() {
    long before = agents.count();
    AgentId id = new AgentId(uniqueSlug("deleted"));
    String source = uniqueSlug("src");
    agents.save(agent(id, false, eventTask("watch", source, "push", true)), T0);
    assertThat(agents.count()).isEqualTo(before + 1);

    assertThat(agents.delete(id)).isTrue();

    assertThat(agents.count()).isEqualTo(before);
    assertThat(agents.find(id)).isEmpty();
    assertThat(candidatesOf(id, source, "push")).isEmpty();
    assertThat(agents.delete(id)).isFalse();
  }

  @Test
  void event_trigger_candidates_filter_by_source_and_type() {
    AgentId id = new AgentId(uniqueSlug("events"));
    String source = uniqueSlug("src");
    String other = uniqueSlug("other");
    agents.save(agent(id, false,
        eventTask("exact", source, "deployment_status", true),
        eventTask("other-type", source, "push", true),
        eventTask("other-source", other, "deployment_status", true)), T0);

    assertThat(candidatesOf(id, source, "deployment_status")).containsExactly(new TaskRef(id, "exact"));
    assertThat(candidatesOf(id, source, "push")).containsExactly(new TaskRef(id, "other-type"));
    assertThat(candidatesOf(id, source, "issue")).isEmpty();
  }

  @Test
  void event_trigger_candidates_match_the_source_ignoring_case() {
    AgentId id = new AgentId(uniqueSlug("case"));
    String source = uniqueSlug("src");
    agents.save(agent(id, false, eventTask("watch", source.toUpperCase(java.util.Locale.ROOT), "push", true)), T0);

    assertThat(candidatesOf(id, source, "push")).containsExactly(new TaskRef(id, "watch"));
    assertThat(candidatesOf(id, source.toUpperCase(java.util.Locale.ROOT), "push"))
        .containsExactly(new TaskRef(id, "watch"));
  }

  @Test
  void event_trigger_candidates_include_empty_source_empty_type_and_prefix_types() {
    AgentId id = new AgentId(uniqueSlug("wide"));
    String source = uniqueSlug("src");
    agents.save(agent(id, false,
        eventTask("any-source", "", "deployment_status", true),
        eventTask("any-type", source, "", true),
        eventTask("anything", "", "", true),
        eventTask("prefix", source, "deployment*", true)), T0);

    assertThat(candidatesOf(id, source, "deployment_status")).containsExactlyInAnyOrder(
        new TaskRef(id, "any-source"), new TaskRef(id, "any-type"), new TaskRef(id, "anything"),
        new TaskRef(id, "prefix"));
    assertThat(candidatesOf(id, uniqueSlug("elsewhere"), "deployment_status")).containsExactlyInAnyOrder(
        new TaskRef(id, "any-source"), new TaskRef(id, "anything"));
  }

  @Test
  void event_trigger_candidates_skip_paused_agents_disabled_tasks_and_other_triggers() {
    String source = uniqueSlug("src");
    AgentId paused = new AgentId(uniqueSlug("paused"));
    AgentId active = new AgentId(uniqueSlug("active"));
    agents.save(agent(paused, true, eventTask("watch", source, "push", true)), T0);
    agents.save(agent(active, false,
        eventTask("disabled", source, "push", false),
        new TaskSpec("scheduled", "digest", Map.of(), schedule(), true),
        new TaskSpec("chat", "first-responder", Map.of(), new Trigger.OnMessage("#ops", true, false), true),
        new TaskSpec("by-hand", "digest", Map.of(), null, true),
        eventTask("enabled", source, "push", true)), T0);

    assertThat(candidatesOf(paused, source, "push")).isEmpty();
    assertThat(candidatesOf(active, source, "push")).containsExactly(new TaskRef(active, "enabled"));

    agents.save(agent(paused, false, eventTask("watch", source, "push", true)), T0.plusSeconds(1));
    assertThat(candidatesOf(paused, source, "push")).containsExactly(new TaskRef(paused, "watch"));
  }

  @Test
  void message_trigger_candidates_are_the_enabled_message_tasks_of_agents_not_paused() {
    AgentId paused = new AgentId(uniqueSlug("muted"));
    AgentId active = new AgentId(uniqueSlug("listener"));
    Trigger.OnMessage inOps = new Trigger.OnMessage("#ops", true, false);
    agents.save(agent(paused, true, new TaskSpec("answer", "first-responder", Map.of(), inOps, true)), T0);
    agents.save(agent(active, false,
        new TaskSpec("answer", "first-responder", Map.of(), inOps, true),
        new TaskSpec("off", "first-responder", Map.of(), inOps, false),
        eventTask("deploys", uniqueSlug("src"), "push", true)), T0);

    List<TaskRef> candidates = agents.messageTriggerCandidates().stream()
        .filter(r -> r.agent().equals(paused) || r.agent().equals(active)).toList();
    assertThat(candidates).containsExactly(new TaskRef(active, "answer"));
  }

  @Test
  void concurrent_first_saves_of_one_agent_both_succeed() throws Exception {
    AgentId id = new AgentId(uniqueSlug("raced"));
    java.util.concurrent.CountDownLatch saved = new java.util.concurrent.CountDownLatch(1);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> db.transactor().run(() -> {
      agents.save(agent(id, false), T0);
      saved.countDown();
      // Holds the uncommitted insert while the second save runs into it. A pause, not a clock:
      // the other thread must reach its insert, which no hook reports.
      pause(Duration.ofMillis(300));
    }));
    assertThat(saved.await(10, TimeUnit.SECONDS)).isTrue();

    agents.save(agent(id, false, eventTask("watch", "github", "push", true)), T0.plusSeconds(1));

    first.get(10, TimeUnit.SECONDS);
    assertThat(agents.find(id)).isPresent();
  }

  // ---------------------------------------------------------------- runs

  @Test
  void created_run_reads_back_equal() {
    Run run = queuedRun(new AgentId(uniqueSlug("runner")), "watch", T0);

    runs.create(run);

    assertThat(runs.find(run.id())).contains(run);
    assertThat(runs.find(RunId.random())).isEmpty();
  }

  @Test
  void every_wake_reason_kind_round_trips() {
    AgentId agent = new AgentId(uniqueSlug("waker"));
    List<WakeReason> reasons = List.of(
        new WakeReason.Scheduled(T0.minusNanos(1_000), 3),
        new WakeReason.Scheduled(T0, 0),
        new WakeReason.OnEvent(EventId.random(), "github", "deployment_status"),
        new WakeReason.OnMessage("#payments", "alice", "@vigil is checkout slow?"),
        new WakeReason.Manual("api:ops-token"));
    for (WakeReason wake : reasons) {
      Run run = Run.queued(RunId.random(), agent, "watch", "deploy-watch", Map.of(), wake, plan(), T0);
      runs.create(run);
      assertThat(runs.find(run.id())).map(Run::wake).contains(wake);
    }
  }

  @Test
  void run_transitions_are_stored_by_update() {
    Run run = queuedRun(new AgentId(uniqueSlug("lifecycle")), "watch", T0);
    runs.create(run);

    List<Run> states = new ArrayList<>();
    Run running = run.running(T0.plusMillis(1));
    states.add(running);
    Run waiting = running.stepCompleted(Optional.of(T0.plus(Duration.ofMinutes(5)).plusNanos(7_000)));
    states.add(waiting);
    Run resumed = waiting.running(T0.plus(Duration.ofMinutes(5)));
    states.add(resumed);
    Run done = resumed.stepCompleted(Optional.empty());
    states.add(done);
    states.add(done.succeeded(T0.plus(Duration.ofMinutes(6)).plusNanos(1_000)));

    for (Run state : states) {
      runs.update(state);
      assertThat(runs.find(run.id())).contains(state);
    }
    assertThat(runs.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.status(run.id())).contains(RunStatus.SUCCEEDED);
    assertThat(runs.status(RunId.random())).isEmpty();
  }

  @Test
  void a_failed_run_keeps_its_error() {
    Run run = queuedRun(new AgentId(uniqueSlug("failing")), "watch", T0);
    runs.create(run);
    Run failed = run.running(T0).failed(T0.plusSeconds(2), "prometheus unreachable: connection refused");

    runs.update(failed);

    assertThat(runs.find(run.id())).contains(failed);
  }

  @Test
  void update_of_an_unknown_run_fails() {
    Run run = queuedRun(new AgentId(uniqueSlug("ghost")), "watch", T0);

    assertThatThrownBy(() -> runs.update(run.running(T0))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(run.id().value());
  }

  @Test
  void list_filters_by_agent_and_status_newest_first() {
    AgentId agent = new AgentId(uniqueSlug("lister"));
    AgentId other = new AgentId(uniqueSlug("bystander"));
    Run oldest = queuedRun(agent, "watch", T0);
    Run middle = queuedRun(agent, "watch", T0.plusSeconds(1));
    Run newest = queuedRun(agent, "digest", T0.plusSeconds(2));
    Run foreign = queuedRun(other, "watch", T0.plusSeconds(3));
    for (Run r : List.of(middle, newest, oldest, foreign)) {
      runs.create(r);
    }
    Run middleRunning = middle.running(T0.plusSeconds(5));
    runs.update(middleRunning);

    assertThat(runs.list(Optional.of(agent), Optional.empty(), 10)).containsExactly(newest, middleRunning, oldest);
    assertThat(runs.list(Optional.of(agent), Optional.empty(), 2)).containsExactly(newest, middleRunning);
    assertThat(runs.list(Optional.of(agent), Optional.of(RunStatus.QUEUED), 10)).containsExactly(newest, oldest);
    assertThat(runs.list(Optional.of(agent), Optional.of(RunStatus.RUNNING), 10)).containsExactly(middleRunning);
    assertThat(runs.list(Optional.of(agent), Optional.of(RunStatus.FAILED), 10)).isEmpty();

    List<Run> all = runs.list(Optional.empty(), Optional.empty(), 10_000);
    assertThat(all).contains(oldest, middleRunning, newest, foreign);
    assertThat(all).extracting(Run::createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(runs.list(Optional.empty(), Optional.of(RunStatus.RUNNING), 10_000))
        .contains(middleRunning).allMatch(r -> r.status() == RunStatus.RUNNING);
  }

  @Test
  void live_runs_are_the_queued_running_and_waiting_runs_of_one_task_oldest_first() {
    AgentId agent = new AgentId(uniqueSlug("live"));
    Run queued = queuedRun(agent, "watch", T0.plusSeconds(3));
    Run running = queuedRun(agent, "watch", T0.plusSeconds(1)).running(T0.plusSeconds(4));
    Run waiting = queuedRun(agent, "watch", T0.plusSeconds(2)).running(T0.plusSeconds(4))
        .stepCompleted(Optional.of(T0.plusSeconds(60)));
    Run finished = queuedRun(agent, "watch", T0).running(T0).failed(T0.plusSeconds(1), "boom");
    Run otherTask = queuedRun(agent, "digest", T0);
    for (Run r : List.of(queued, running, waiting, finished, otherTask)) {
      runs.create(r);
    }

    assertThat(runs.liveRuns(agent, "watch")).containsExactly(running, waiting, queued);
    assertThat(runs.liveRuns(agent, "digest")).containsExactly(otherTask);
    assertThat(runs.liveRuns(agent, "missing")).isEmpty();
  }

  @Test
  void the_latest_runs_of_several_agents_come_in_one_read_and_agents_without_runs_are_absent() {
    AgentId busy = new AgentId(uniqueSlug("busy"));
    AgentId once = new AgentId(uniqueSlug("once"));
    AgentId idle = new AgentId(uniqueSlug("idle"));
    Run older = queuedRun(busy, "watch", T0).running(T0).failed(T0.plusSeconds(1), "boom");
    Run newest = queuedRun(busy, "digest", T0.plusSeconds(30));
    Run only = queuedRun(once, "watch", T0.plusSeconds(5)).running(T0.plusSeconds(5)).failed(T0.plusSeconds(6), "boom");
    for (Run r : List.of(older, newest, only)) {
      runs.create(r);
    }

    assertThat(runs.latest(List.of(busy, once, idle))).containsOnly(
        java.util.Map.entry(busy, newest), java.util.Map.entry(once, only));
    assertThat(runs.latest(List.of())).isEmpty();
  }

  @Test
  void count_by_status_has_every_status_and_counts_new_runs() {
    Map<RunStatus, Long> before = runs.countByStatus();
    assertThat(before).containsOnlyKeys(RunStatus.values());
    AgentId agent = new AgentId(uniqueSlug("counted"));
    runs.create(queuedRun(agent, "watch", T0));
    runs.create(queuedRun(agent, "watch", T0));
    runs.create(queuedRun(agent, "watch", T0).running(T0).cancelled(T0, "by hand"));

    Map<RunStatus, Long> after = runs.countByStatus();

    assertThat(after).containsOnlyKeys(RunStatus.values());
    assertThat(after.get(RunStatus.QUEUED)).isEqualTo(before.get(RunStatus.QUEUED) + 2);
    assertThat(after.get(RunStatus.CANCELLED)).isEqualTo(before.get(RunStatus.CANCELLED) + 1);
    assertThat(after.get(RunStatus.SUCCEEDED)).isEqualTo(before.get(RunStatus.SUCCEEDED));
  }

  @Test
  void steps_are_inserted_replaced_and_listed_in_plan_order() {
    Run run = queuedRun(new AgentId(uniqueSlug("stepper")), "watch", T0);
    runs.create(run);
    StepRecord second = step(run.id(), 1, "compare", StepStatus.RUNNING, 1, T0.plusSeconds(2), null, "");
    StepRecord first = step(run.id(), 0, "baseline", StepStatus.SUCCEEDED, 1, T0, T0.plusSeconds(1), "");
    runs.saveStep(second);
    runs.saveStep(first);
    assertThat(runs.steps(run.id())).containsExactly(first, second);

    StepRecord retried = step(run.id(), 1, "compare", StepStatus.RETRYING, 2, T0.plusSeconds(3), null,
        "prometheus returned 503");
    runs.saveStep(retried);
    StepRecord completed = new StepRecord(run.id(), 1, "compare", StepStatus.SUCCEEDED, 3,
        T0.plusSeconds(4), Optional.of(T0.plusSeconds(5).plusNanos(1_000)),
        Map.of("window", "10m"), Map.of("p99", 0.412, "verdict", "ok", "samples", List.of(1, 2, 3)), "");
    runs.saveStep(completed);

    assertThat(runs.steps(run.id())).containsExactly(first, completed);
    assertThat(runs.step(run.id(), 1)).contains(completed);
    assertThat(runs.step(run.id(), 0)).contains(first);
    assertThat(runs.step(run.id(), 2)).isEmpty();
  }

  // ---------------------------------------------------------------- outbox

  @Test
  void outbox_add_is_idempotent_on_the_idempotency_key() {
    RunId run = RunId.random();
    OutboxEntry entry = outboxEntry(run, uniqueSlug("key"), T0);
    long pendingBefore = outbox.countPending();

    assertThat(outbox.add(entry)).isTrue();
    OutboxEntry sameKey = new OutboxEntry(UUID.randomUUID().toString(), run, entry.agent(), entry.channel(),
        "a second text", entry.idempotencyKey(), OutboxStatus.PENDING, 0, T0.plusSeconds(1), Optional.empty(), "");
    assertThat(outbox.add(sameKey)).isFalse();
    assertThat(outbox.add(entry)).isFalse();

    assertThat(outbox.forRun(run)).containsExactly(entry);
    assertThat(outbox.countPending()).isEqualTo(pendingBefore + 1);
  }

  @Test
  void pending_lists_a_runs_undelivered_entries_oldest_first() {
    RunId run = RunId.random();
    OutboxEntry later = outboxEntry(run, uniqueSlug("later"), T0.plusSeconds(2));
    OutboxEntry earlier = outboxEntry(run, uniqueSlug("earlier"), T0.plusSeconds(1));
    OutboxEntry delivered = outboxEntry(run, uniqueSlug("delivered"), T0);
    OutboxEntry elsewhere = outboxEntry(RunId.random(), uniqueSlug("elsewhere"), T0);
    for (OutboxEntry e : List.of(later, earlier, delivered, elsewhere)) {
      assertThat(outbox.add(e)).isTrue();
    }
    Instant deliveredAt = T0.plusSeconds(3).plusNanos(5_000);
    outbox.markDelivered(delivered.id(), deliveredAt, Optional.empty());

    assertThat(outbox.pending(run)).containsExactly(earlier, later);
    assertThat(outbox.forRun(run)).containsExactly(
        new OutboxEntry(delivered.id(), run, delivered.agent(), delivered.channel(), delivered.text(),
            delivered.idempotencyKey(), OutboxStatus.DELIVERED, 1, delivered.createdAt(),
            Optional.of(deliveredAt), ""),
        earlier, later);
  }

  @Test
  void a_temporary_failure_keeps_the_entry_pending_and_a_permanent_one_ends_it() {
    RunId run = RunId.random();
    OutboxEntry entry = outboxEntry(run, uniqueSlug("flaky"), T0);
    outbox.add(entry);
    long pendingBefore = outbox.countPending();

    outbox.recordFailure(entry.id(), "slack: rate limited", false);
    assertThat(outbox.pending(run)).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.lastError()).isEqualTo("slack: rate limited");
      assertThat(e.deliveredAt()).isEmpty();
    });
    assertThat(outbox.countPending()).isEqualTo(pendingBefore);

    outbox.recordFailure(entry.id(), "slack: channel_not_found", true);
    assertThat(outbox.pending(run)).isEmpty();
    assertThat(outbox.forRun(run)).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(OutboxStatus.FAILED);
      assertThat(e.attempts()).isEqualTo(2);
      assertThat(e.lastError()).isEqualTo("slack: channel_not_found");
    });
    assertThat(outbox.countPending()).isEqualTo(pendingBefore - 1);
  }

  @Test
  void a_card_chart_and_thread_key_read_back_equal_and_delivery_records_the_chats_message_id() {
    RunId run = RunId.random();
    FindingCard card = FindingCard.of("checkout p99 up 2.3x after deploy 4f2a", Severity.CRITICAL,
            "p99 rose from 180 ms to 412 ms within 5 minutes of the rollout.")
        .withEvidence("p99 latency", "412 ms", "180 ms (same hour last week)")
        .withEvidence("error rate", "0.4 %", "")
        .withLink(URI.create("https://vigil.example/findings/42"))
        .withNextStep("roll back checkout to 4f29")
        .withOwner("@payments-oncall");
    String thread = uniqueSlug("deploy");
    OutboxEntry message = richEntry(run, uniqueSlug("card"), T0, "checkout p99 up 2.3x", Optional.of(card),
        Optional.empty(), thread);
    ChatAttachment chart = new ChatAttachment("checkout-p99.png", "p99 of checkout over the last hour", png(70_000));
    OutboxEntry file = richEntry(run, uniqueSlug("chart"), T0.plusNanos(1_000), chart.altText(), Optional.empty(),
        Optional.of(chart), thread);
    assertThat(outbox.add(message)).isTrue();
    assertThat(outbox.add(file)).isTrue();

    assertThat(outbox.pending(run)).containsExactly(message, file);
    assertThat(outbox.threadRoot(message.agent(), message.channel(), thread)).isEmpty();

    outbox.markDelivered(message.id(), T0.plusSeconds(1), Optional.of("1700000000.000100"));
    outbox.markDelivered(file.id(), T0.plusSeconds(2), Optional.empty());

    assertThat(outbox.forRun(run)).extracting(OutboxEntry::platformId)
        .containsExactly(Optional.of("1700000000.000100"), Optional.empty());
    assertThat(outbox.forRun(run).get(1).attachment()).contains(chart);
    assertThat(outbox.threadRoot(message.agent(), message.channel(), thread)).contains("1700000000.000100");
  }

  @Test
  void a_thread_root_is_the_first_delivered_post_of_that_agent_channel_and_key_the_earlier_made_on_a_tie() {
    String thread = uniqueSlug("drift");
    OutboxEntry first = richEntry(RunId.random(), uniqueSlug("first"), T0, "first", Optional.empty(), Optional.empty(), thread);
    OutboxEntry reply = richEntry(RunId.random(), uniqueSlug("reply"), T0.plusSeconds(60), "reply", Optional.empty(),
        Optional.empty(), thread);
    OutboxEntry otherChannel = new OutboxEntry(UUID.randomUUID().toString(), RunId.random(), first.agent(), "#elsewhere",
        "x", uniqueSlug("other"), OutboxStatus.PENDING, 0, T0.minusSeconds(60), Optional.empty(), "", Optional.empty(),
        Optional.empty(), Optional.of(thread), Optional.empty());
    for (OutboxEntry e : List.of(first, reply, otherChannel)) {
      assertThat(outbox.add(e)).isTrue();
    }
    outbox.markDelivered(otherChannel.id(), T0.minusSeconds(59), Optional.of("ts-other"));
    outbox.markDelivered(first.id(), T0.plusSeconds(1), Optional.of("ts-first"));
    // Delivered within one clock tick (a chart right after its message): the earlier post starts the thread.
    outbox.markDelivered(reply.id(), T0.plusSeconds(1), Optional.of("ts-reply"));

    assertThat(outbox.threadRoot(first.agent(), first.channel(), thread)).contains("ts-first");
    assertThat(outbox.threadRoot(new AgentId("someone-else"), first.channel(), thread)).isEmpty();
  }

  @Test
  void the_built_in_chat_keeps_a_card_a_chart_and_the_thread_once_per_key() throws Exception {
    JdbcConsoleChat chat = new JdbcConsoleChat(db, "chat", clock);
    String channel = "#" + uniqueSlug("console");
    FindingCard card = FindingCard.of("disk of db-1 full in 3 days", Severity.WARNING, "fill rate 4 %/day")
        .withEvidence("free space", "12 %", "40 %");
    String rootKey = uniqueSlug("root");
    ChatMessage root = new ChatMessage(new AgentId("capacity"), channel, "disk of db-1 full in 3 days", rootKey,
        Optional.of(card), Optional.empty(), Optional.empty());
    ChatAttachment chart = new ChatAttachment("disk.png", "free space of db-1, 7 days", png(2_000));
    ChatMessage file = new ChatMessage(new AgentId("capacity"), channel, chart.altText(), uniqueSlug("file"),
        Optional.empty(), Optional.of(chart), Optional.of(rootKey));

    assertThat(chat.deliver(root)).contains(rootKey);
    assertThat(chat.deliver(file)).contains(file.idempotencyKey());
    assertThat(chat.deliver(root)).contains(rootKey);

    List<JdbcConsoleChat.Message> shown = chat.list(channel, 10);
    assertThat(shown).hasSize(2);
    JdbcConsoleChat.Message shownFile = shown.get(0);
    assertThat(shownFile.threadId()).contains(rootKey);
    assertThat(shownFile.attachmentName()).contains("disk.png");
    assertThat(chat.attachment(shownFile.id())).contains(chart);
    assertThat(shown.get(1).card()).contains(card);
    assertThat(shown.get(1).threadId()).isEmpty();
    assertThat(chat.attachment(shown.get(1).id())).isEmpty();
  }

  @Test
  void a_person_writing_in_the_built_in_chat_is_kept_once_in_the_thread_and_told_apart_from_agents() throws Exception {
    JdbcConsoleChat chat = new JdbcConsoleChat(db, "chat", clock);
    String channel = "#" + uniqueSlug("people");
    String question = uniqueSlug("question");
    chat.postFromPerson(channel, "alice", "help", question, Optional.empty());
    chat.postFromPerson(channel, "alice", "help", question, Optional.empty());
    chat.deliver(new ChatMessage(new AgentId("vigil"), channel, "Commands I answer here", question + ":answer",
        Optional.empty(), Optional.empty(), Optional.of(question)));

    List<JdbcConsoleChat.Message> shown = chat.list(channel, 10);
    assertThat(shown).extracting(JdbcConsoleChat.Message::fromPerson).containsExactly(false, true);
    assertThat(shown.get(1).agent()).isEqualTo("alice");
    assertThat(shown.get(0).threadId()).contains(question);
    assertThat(chat.byKey(question)).map(JdbcConsoleChat.Message::text).contains("help");
    assertThat(chat.byKey(uniqueSlug("nothing"))).isEmpty();
    assertThat(chat.channels()).contains(channel);
  }

  // ---------------------------------------------------------------- findings

  @Test
  void filed_finding_reads_back_equal() {
    AgentId agent = new AgentId(uniqueSlug("filer"));
    RunId run = RunId.random();
    FindingDraft draft = draft(Severity.CRITICAL, "checkout", uniqueSlug("dedup"), "p99 latency doubled");

    Finding filed = findings.fileOrUpdate(draft, agent, run, T0);

    assertThat(filed.agent()).isEqualTo(agent);
    assertThat(filed.run()).isEqualTo(run);
    assertThat(filed.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(filed.service()).isEqualTo("checkout");
    assertThat(filed.summary()).isEqualTo("p99 latency doubled");
    assertThat(filed.evidence()).isEqualTo(draft.evidence());
    assertThat(filed.nextSteps()).isEqualTo(draft.nextSteps());
    assertThat(filed.dedupKey()).isEqualTo(draft.dedupKey());
    assertThat(filed.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(filed.statusReason()).isEmpty();
    assertThat(filed.occurrences()).isEqualTo(1);
    assertThat(filed.createdAt()).isEqualTo(T0);
    assertThat(filed.updatedAt()).isEqualTo(T0);
    assertThat(findings.find(filed.id())).contains(filed);
  }

  @Test
  void the_same_key_while_open_or_acknowledged_counts_occurrences_on_one_finding() {
    AgentId agent = new AgentId(uniqueSlug("repeater"));
    String key = uniqueSlug("dedup");
    Finding first = findings.fileOrUpdate(draft(Severity.WARNING, "cart", key, "errors up"), agent, RunId.random(), T0);

    RunId secondRun = RunId.random();
    FindingDraft worse = draft(Severity.CRITICAL, "cart", key, "errors up a lot");
    Finding second = findings.fileOrUpdate(worse, agent, secondRun, T0.plusSeconds(60));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.occurrences()).isEqualTo(2);
    assertThat(second.run()).isEqualTo(secondRun);
    assertThat(second.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(second.summary()).isEqualTo("errors up a lot");
    assertThat(second.createdAt()).isEqualTo(T0);
    assertThat(second.updatedAt()).isEqualTo(T0.plusSeconds(60));

    findings.setStatus(first.id(), FindingStatus.ACKNOWLEDGED, "looking", T0.plusSeconds(61));
    Finding third = findings.fileOrUpdate(worse, agent, RunId.random(), T0.plusSeconds(120));

    assertThat(third.id()).isEqualTo(first.id());
    assertThat(third.occurrences()).isEqualTo(3);
    assertThat(third.status()).isEqualTo(FindingStatus.ACKNOWLEDGED);
    assertThat(findings.list(new FindingStore.Filter(null, null, null, agent), 10)).containsExactly(third);
  }

  @Test
  void changed_since_finds_a_finding_filed_long_ago_and_changed_lately_most_recent_change_first() {
    // Far from every other test's times: the store is shared by the contract's tests.
    Instant base = T0.plus(java.time.Duration.ofDays(4_000));
    AgentId agent = new AgentId(uniqueSlug("digested"));
    Finding old = findings.fileOrUpdate(draft(Severity.WARNING, "cart", uniqueSlug("dedup"), "old"), agent,
        RunId.random(), base.minus(java.time.Duration.ofDays(30)));
    Finding untouched = findings.fileOrUpdate(draft(Severity.WARNING, "cart", uniqueSlug("dedup"), "untouched"), agent,
        RunId.random(), base.minus(java.time.Duration.ofDays(29)));
    Finding recent = findings.fileOrUpdate(draft(Severity.INFO, "search", uniqueSlug("dedup"), "recent"), agent,
        RunId.random(), base.plusSeconds(10));
    Finding resolved = findings.setStatus(old.id(), FindingStatus.RESOLVED, "rolled back", base.plusSeconds(20))
        .orElseThrow();

    assertThat(findings.changedSince(base, 10)).containsExactly(resolved, recent).doesNotContain(untouched);
    assertThat(findings.changedSince(base, 1)).containsExactly(resolved);
    assertThat(findings.changedSince(base.plusSeconds(21), 10)).isEmpty();
  }

  @Test
  void after_resolution_the_same_key_opens_a_new_finding() {
    AgentId agent = new AgentId(uniqueSlug("resolver"));
    String key = uniqueSlug("dedup");
    Finding first = findings.fileOrUpdate(draft(Severity.WARNING, "cart", key, "errors up"), agent, RunId.random(), T0);
    findings.setStatus(first.id(), FindingStatus.RESOLVED, "rolled back", T0.plusSeconds(10));

    Finding reopened = findings.fileOrUpdate(draft(Severity.WARNING, "cart", key, "errors up again"), agent,
        RunId.random(), T0.plusSeconds(20));

    assertThat(reopened.id()).isNotEqualTo(first.id());
    assertThat(reopened.status()).isEqualTo(FindingStatus.OPEN);
    assertThat(reopened.occurrences()).isEqualTo(1);
    assertThat(findings.find(first.id()).orElseThrow().status()).isEqualTo(FindingStatus.RESOLVED);
    assertThat(findings.find(first.id()).orElseThrow().occurrences()).isEqualTo(1);
  }

  @Test
  void concurrent_filings_of_one_key_make_one_finding() throws Exception {
    AgentId agent = new AgentId(uniqueSlug("racer"));
    String key = uniqueSlug("dedup");
    FindingDraft draft = draft(Severity.WARNING, "cart", key, "errors up");

    java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.Future<Finding> second;
    try {
      second = db.transactor().inTransaction(() -> {
        findings.fileOrUpdate(draft, agent, RunId.random(), T0);
        // The other run files the same key while this transaction is still open: it must wait
        // for this one to commit and then count an occurrence, not open a second finding.
        java.util.concurrent.Future<Finding> f =
            other.submit(() -> findings.fileOrUpdate(draft, agent, RunId.random(), T0.plusSeconds(1)));
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return f;
      });
      second.get(20, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }

    assertThat(findings.list(new FindingStore.Filter(null, null, FindingStatus.OPEN, agent), 10))
        .singleElement().extracting(Finding::occurrences).isEqualTo(2);
  }

  @Test
  void set_status_records_status_reason_and_time() {
    AgentId agent = new AgentId(uniqueSlug("judged"));
    Finding filed = findings.fileOrUpdate(draft(Severity.INFO, "search", uniqueSlug("dedup"), "slow"), agent,
        RunId.random(), T0);
    Instant later = T0.plusSeconds(30).plusNanos(2_000);

    Optional<Finding> marked = findings.setStatus(filed.id(), FindingStatus.FALSE_POSITIVE, "load test", later);

    Finding expected = filed.withStatus(FindingStatus.FALSE_POSITIVE, "load test", later);
    assertThat(marked).contains(expected);
    assertThat(findings.find(filed.id())).contains(expected);
    assertThat(findings.setStatus(filed.id(), FindingStatus.OPEN, null, later)).map(Finding::statusReason)
        .contains("");
    assertThat(findings.setStatus(new dev.vigil.core.finding.FindingId(UUID.randomUUID().toString()),
        FindingStatus.RESOLVED, "x", later)).isEmpty();
  }

  @Test
  void findings_list_filters_newest_first() {
    AgentId agent = new AgentId(uniqueSlug("reporter"));
    String service = uniqueSlug("svc");
    Finding a = findings.fileOrUpdate(draft(Severity.WARNING, service, uniqueSlug("k"), "a"), agent,
        RunId.random(), T0);
    Finding b = findings.fileOrUpdate(draft(Severity.CRITICAL, service, uniqueSlug("k"), "b"), agent,
        RunId.random(), T0.plusSeconds(1));
    Finding c = findings.fileOrUpdate(draft(Severity.CRITICAL, "other-" + service, uniqueSlug("k"), "c"), agent,
        RunId.random(), T0.plusSeconds(2));
    Finding elsewhere = findings.fileOrUpdate(draft(Severity.CRITICAL, service, uniqueSlug("k"), "d"),
        new AgentId(uniqueSlug("someone")), RunId.random(), T0.plusSeconds(3));
    Finding cResolved = findings.setStatus(c.id(), FindingStatus.RESOLVED, "", T0.plusSeconds(4)).orElseThrow();

    assertThat(findings.list(new FindingStore.Filter(null, null, null, agent), 10)).containsExactly(cResolved, b, a);
    assertThat(findings.list(new FindingStore.Filter(null, null, null, agent), 2)).containsExactly(cResolved, b);
    assertThat(findings.list(new FindingStore.Filter(service, null, null, null), 10)).containsExactly(elsewhere, b, a);
    assertThat(findings.list(new FindingStore.Filter(service, Severity.CRITICAL, null, agent), 10)).containsExactly(b);
    assertThat(findings.list(new FindingStore.Filter(null, null, FindingStatus.RESOLVED, agent), 10))
        .containsExactly(cResolved);
    assertThat(findings.list(new FindingStore.Filter(null, null, FindingStatus.OPEN, agent), 10)).containsExactly(b, a);
    assertThat(findings.list(FindingStore.Filter.any(), 10_000)).contains(a, b, cResolved, elsewhere)
        .extracting(Finding::createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  // ---------------------------------------------------------------- events

  @Test
  void stored_event_reads_back_equal() {
    Event event = event(uniqueSlug("src"), uniqueSlug("delivery"));

    assertThat(events.saveUnlessDuplicate(event)).isEmpty();

    assertThat(events.find(event.id())).contains(event);
    assertThat(events.find(EventId.random())).isEmpty();
  }

  @Test
  void a_repeated_delivery_of_a_source_returns_the_first_events_id() {
    String source = uniqueSlug("src");
    String delivery = uniqueSlug("delivery");
    Event first = event(source, delivery);
    Event repeat = event(source, delivery);
    Event otherSource = event(uniqueSlug("src"), delivery);

    assertThat(events.saveUnlessDuplicate(first)).isEmpty();
    assertThat(events.saveUnlessDuplicate(repeat)).contains(first.id());
    assertThat(events.saveUnlessDuplicate(repeat)).contains(first.id());
    assertThat(events.saveUnlessDuplicate(otherSource)).isEmpty();

    assertThat(events.find(repeat.id())).isEmpty();
    assertThat(events.find(otherSource.id())).contains(otherSource);
  }

  @Test
  void events_without_a_delivery_id_are_never_deduplicated() {
    String source = uniqueSlug("src");
    Event first = event(source, "");
    Event second = event(source, "");

    assertThat(events.saveUnlessDuplicate(first)).isEmpty();
    assertThat(events.saveUnlessDuplicate(second)).isEmpty();

    assertThat(events.find(first.id())).contains(first);
    assertThat(events.find(second.id())).contains(second);
  }

  @Test
  void events_list_newest_received_first() {
    // Received long after every other test's events, so the newest page is this test's.
    clock.set(Instant.parse("2999-01-01T00:00:00.000001Z"));
    List<Event> saved = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Event e = event(uniqueSlug("src"), "");
      events.saveUnlessDuplicate(e);
      saved.add(e);
      clock.advance(Duration.ofNanos(1_000));
    }

    assertThat(events.list(2)).containsExactly(saved.get(2), saved.get(1));
    assertThat(events.list(10_000)).startsWith(saved.get(2), saved.get(1), saved.get(0));
  }

  // ---------------------------------------------------------------- audit log

  @Test
  void audit_entries_list_newest_first_by_actor() {
    String actor = uniqueSlug("auditor");
    String other = "api:" + uniqueSlug("person");
    AuditEntry oldest = auditEntry(actor, T0, "allowed");
    AuditEntry newest = auditEntry(actor, T0.plusSeconds(2).plusNanos(3_000), "error: timeout");
    AuditEntry middle = new AuditEntry(T0.plusSeconds(1), actor, "", "http", "http:get",
        "https://shop.example/health", "ok", Duration.ofMillis(1_250));
    AuditEntry foreign = auditEntry(other, T0.plusSeconds(1), "denied: no grant chat:post on #general");
    for (AuditEntry e : List.of(middle, oldest, foreign, newest)) {
      audit.record(e);
    }

    assertThat(audit.list(actor, 10)).containsExactly(newest, middle, oldest);
    assertThat(audit.list(actor, 2)).containsExactly(newest, middle);
    assertThat(audit.list(other, 10)).containsExactly(foreign);
    assertThat(audit.list(null, 10_000)).contains(oldest, middle, newest, foreign)
        .extracting(AuditEntry::time).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void audit_entries_at_the_same_instant_list_latest_recorded_first() {
    String actor = uniqueSlug("twin");
    AuditEntry first = auditEntry(actor, T0, "allowed");
    AuditEntry second = auditEntry(actor, T0, "ok");
    audit.record(first);
    audit.record(second);

    assertThat(audit.list(actor, 10)).containsExactly(second, first);
  }

  // ---------------------------------------------------------------- API tokens

  @Test
  void api_token_is_found_by_hash_until_revoked() {
    ApiToken token = new ApiToken(uniqueSlug("token"), randomHash(), T0, Optional.empty(), false);
    tokens.create(token);

    assertThat(tokens.findActiveByHash(token.hash())).contains(token);
    assertThat(tokens.findActiveByHash(randomHash())).isEmpty();

    assertThat(tokens.revoke(token.name())).isTrue();

    assertThat(tokens.findActiveByHash(token.hash())).isEmpty();
    assertThat(tokens.list()).contains(new ApiToken(token.name(), token.hash(), T0, Optional.empty(), true));
    assertThat(tokens.revoke(uniqueSlug("missing"))).isFalse();
  }

  @Test
  void api_token_touch_records_last_use() {
    ApiToken token = new ApiToken(uniqueSlug("token"), randomHash(), T0, Optional.empty(), false);
    tokens.create(token);
    Instant used = T0.plusSeconds(90).plusNanos(9_000);

    tokens.touch(token.name(), used);

    assertThat(tokens.findActiveByHash(token.hash()))
        .contains(new ApiToken(token.name(), token.hash(), T0, Optional.of(used), false));
  }

  @Test
  void api_token_names_are_unique_and_listed_in_order() {
    String prefix = uniqueSlug("named") + "-";
    ApiToken b = new ApiToken(prefix + "b", randomHash(), T0, Optional.of(T0.plusSeconds(1)), false);
    ApiToken a = new ApiToken(prefix + "a", randomHash(), T0, Optional.empty(), false);
    tokens.create(b);
    tokens.create(a);

    assertThatThrownBy(() -> tokens.create(new ApiToken(a.name(), randomHash(), T0, Optional.empty(), false)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(tokens.list()).filteredOn(t -> t.name().startsWith(prefix)).containsExactly(a, b);
  }

  // ---------------------------------------------------------------- transactions

  @Test
  void a_transaction_that_throws_rolls_back_every_store() {
    AgentId agent = new AgentId(uniqueSlug("rolled"));
    String source = uniqueSlug("src");
    Run run = queuedRun(agent, "watch", T0);
    OutboxEntry entry = outboxEntry(run.id(), uniqueSlug("key"), T0);
    FindingDraft draft = draft(Severity.WARNING, "cart", uniqueSlug("dedup"), "errors");
    Event event = event(source, uniqueSlug("delivery"));
    AuditEntry auditEntry = auditEntry(agent.value(), T0, "allowed");
    ApiToken token = new ApiToken(uniqueSlug("token"), randomHash(), T0, Optional.empty(), false);
    RuntimeException failure = new IllegalStateException("step failed after writing");
    Finding[] filed = new Finding[1];

    assertThatThrownBy(() -> db.transactor().run(() -> {
      agents.save(agent(agent, false, eventTask("watch", source, "push", true)), T0);
      runs.create(run);
      runs.saveStep(step(run.id(), 0, "baseline", StepStatus.SUCCEEDED, 1, T0, T0, ""));
      outbox.add(entry);
      filed[0] = findings.fileOrUpdate(draft, agent, run.id(), T0);
      events.saveUnlessDuplicate(event);
      audit.record(auditEntry);
      tokens.create(token);
      // Inside, the transaction sees its own writes.
      assertThat(runs.find(run.id())).contains(run);
      throw failure;
    })).isSameAs(failure);

    assertThat(agents.find(agent)).isEmpty();
    assertThat(candidatesOf(agent, source, "push")).isEmpty();
    assertThat(runs.find(run.id())).isEmpty();
    assertThat(runs.steps(run.id())).isEmpty();
    assertThat(outbox.forRun(run.id())).isEmpty();
    assertThat(findings.find(filed[0].id())).isEmpty();
    assertThat(events.find(event.id())).isEmpty();
    assertThat(audit.list(agent.value(), 10)).isEmpty();
    assertThat(tokens.findActiveByHash(token.hash())).isEmpty();
    // The delivery claim went too, so a redelivery is stored rather than reported as a duplicate.
    assertThat(events.saveUnlessDuplicate(event)).isEmpty();
    // The key was released with the rollback.
    assertThat(outbox.add(entry)).isTrue();
  }

  @Test
  void an_error_inside_a_transaction_rolls_it_back_too() {
    Run run = queuedRun(new AgentId(uniqueSlug("errored")), "watch", T0);
    AssertionError error = new AssertionError("defect");

    assertThatThrownBy(() -> db.transactor().run(() -> {
      runs.create(run);
      throw error;
    })).isSameAs(error);

    assertThat(runs.find(run.id())).isEmpty();
  }

  @Test
  void nested_transactions_join_the_outer_one() {
    Run inner = queuedRun(new AgentId(uniqueSlug("nested")), "watch", T0);
    Run outer = queuedRun(inner.agent(), "watch", T0);

    assertThatThrownBy(() -> db.transactor().run(() -> {
      runs.create(outer);
      String result = db.transactor().inTransaction(() -> {
        runs.create(inner);
        return "inner done";
      });
      assertThat(result).isEqualTo("inner done");
      // The inner call committed nothing of its own: another connection cannot see its write.
      assertThat(onOtherThread(() -> runs.find(inner.id()))).isEmpty();
      throw new IllegalStateException("outer fails after the inner call returned");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(runs.find(outer.id())).isEmpty();
    assertThat(runs.find(inner.id())).isEmpty();
  }

  @Test
  void a_committed_transaction_is_visible_to_other_threads_and_only_after_commit() {
    AgentId agent = new AgentId(uniqueSlug("committed"));
    Run run = queuedRun(agent, "watch", T0);
    FindingDraft draft = draft(Severity.INFO, "cart", uniqueSlug("dedup"), "note");

    Finding filed = db.transactor().inTransaction(() -> {
      runs.create(run);
      Finding f = findings.fileOrUpdate(draft, agent, run.id(), T0);
      assertThat(onOtherThread(() -> runs.find(run.id()))).isEmpty();
      return f;
    });

    assertThat(onOtherThread(() -> runs.find(run.id()))).contains(run);
    assertThat(onOtherThread(() -> findings.find(filed.id()))).contains(filed);
  }

  @Test
  void after_a_rollback_the_thread_writes_outside_any_transaction_again() {
    Run rolledBack = queuedRun(new AgentId(uniqueSlug("after")), "watch", T0);
    Run afterwards = queuedRun(rolledBack.agent(), "watch", T0);
    assertThatThrownBy(() -> db.transactor().run(() -> {
      runs.create(rolledBack);
      throw new IllegalStateException("fail");
    })).isInstanceOf(IllegalStateException.class);

    runs.create(afterwards);

    assertThat(onOtherThread(() -> runs.find(afterwards.id()))).contains(afterwards);
  }

  // ---------------------------------------------------------------- fixtures

  private static String uniqueSlug(String prefix) {
    return prefix + "-" + Long.toString(SEQUENCE.incrementAndGet(), 36) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String randomHash() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  private List<TaskRef> candidatesOf(AgentId agent, String source, String type) {
    return agents.eventTriggerCandidates(source, type).stream().filter(r -> r.agent().equals(agent)).toList();
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static <T> T onOtherThread(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("lookup on another thread failed: " + e, e);
    }
  }

  private static Agent agent(AgentId id, boolean paused, TaskSpec... tasks) {
    return new Agent(id, "", "", List.of(), List.of(), List.of(), List.of(tasks), List.of(), paused);
  }

  private static TaskSpec eventTask(String name, String source, String type, boolean enabled) {
    return new TaskSpec(name, "deploy-watch", Map.of(),
        new Trigger.OnEvent(source, type, Map.of(), List.of()), enabled);
  }

  private static Trigger.Schedule schedule() {
    return new Trigger.Schedule(CronExpression.parse("0 9 * * 1-5"), ZoneId.of("Europe/Berlin"), CatchUpPolicy.SKIP);
  }

  private static Agent fullAgent(String name) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("service", "checkout");
    parameters.put("threshold", 0.25);
    parameters.put("window", "15m");
    parameters.put("minSamples", 30);
    parameters.put("strict", true);
    parameters.put("queries", List.of("rate(http_requests_total[5m])", "histogram_quantile(0.99, x)"));
    parameters.put("labels", Map.of("team", "payments", "tier", "1"));
    return new Agent(new AgentId(name), "Watches payments deploys", "team-payments",
        List.of("#payments-deploys", "#payments"),
        List.of(new Grant("slack-main", "chat:post", List.of("#payments-deploys")),
            new Grant("prometheus", "metrics:read", List.of())),
        List.of("p99-drift"),
        List.of(
            new TaskSpec("weekday-digest", "digest", Map.of("days", 1), schedule(), true),
            new TaskSpec("deploy-watch", "deploy-watch", parameters,
                new Trigger.OnEvent("github", "deployment_status", Map.of("environment", "production", "state", "success"),
                    List.of("payments")), true),
            new TaskSpec("answer", "first-responder", Map.of(), new Trigger.OnMessage("#payments", true, true), false),
            new TaskSpec("by-hand", "digest", Map.of(), null, true)),
        List.of("deploys on Fridays are expected to be slow"),
        false);
  }

  private static List<PlannedStep> plan() {
    return List.of(new PlannedStep("baseline", "read the last hour"), new PlannedStep("compare", ""));
  }

  private static Run queuedRun(AgentId agent, String task, Instant createdAt) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("service", "checkout");
    parameters.put("threshold", 0.5);
    parameters.put("nested", Map.of("list", List.of("a", "b")));
    return Run.queued(RunId.random(), agent, task, "deploy-watch", parameters,
        new WakeReason.Manual("api:" + agent.value()), plan(), createdAt);
  }

  private static StepRecord step(RunId run, int index, String name, StepStatus status, int attempts, Instant started,
      Instant finished, String error) {
    return new StepRecord(run, index, name, status, attempts, started, Optional.ofNullable(finished),
        Map.of("service", "checkout"), Map.of(), error);
  }

  private static OutboxEntry richEntry(RunId run, String key, Instant createdAt, String text,
      Optional<FindingCard> card, Optional<ChatAttachment> attachment, String thread) {
    return new OutboxEntry(UUID.randomUUID().toString(), run, new AgentId("poster"), "#payments-deploys", text, key,
        OutboxStatus.PENDING, 0, createdAt, Optional.empty(), "", card, attachment, Optional.of(thread), Optional.empty());
  }

  /** A PNG signature followed by {@code size} bytes of a pattern: enough for stores and chats, which never decode it. */
  static byte[] png(int size) {
    byte[] bytes = new byte[8 + size];
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, bytes, 0, 8);
    for (int i = 8; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
    return bytes;
  }

  private static OutboxEntry outboxEntry(RunId run, String key, Instant createdAt) {
    return new OutboxEntry(UUID.randomUUID().toString(), run, new AgentId("poster"), "slack-main:#payments",
        "Deploy of checkout looks healthy: p99 412 ms (baseline 398 ms)", key, OutboxStatus.PENDING, 0,
        createdAt, Optional.empty(), "");
  }

  private static FindingDraft draft(Severity severity, String service, String key, String summary) {
    return new FindingDraft(severity, service, summary,
        List.of(new Evidence("histogram_quantile(0.99, rate(http_server_duration_bucket[5m]))",
                T0.minusSeconds(600), T0.minusNanos(1_000), "2.4 s", "< 1 s", Optional.of("https://grafana.example/d/x")),
            new Evidence("GET https://shop.example/health", T0.minusSeconds(60), T0, "503", "200", Optional.empty())),
        List.of("roll back " + service, "page the owner"), key);
  }

  private static Event event(String source, String delivery) {
    return new Event(EventId.random(), source, "deployment_status", "payments/checkout",
        T0.minusNanos(3_000), delivery, Map.of("environment", "production", "state", "success"),
        "Deploy v1.2.3 of checkout", "{\"deployment_status\":{\"state\":\"success\"}}");
  }

  private static AuditEntry auditEntry(String actor, Instant at, String result) {
    return new AuditEntry(at, actor, RunId.random().value(), "slack-main", "chat:post", "#payments", result,
        Duration.ofMillis(42));
  }
}
