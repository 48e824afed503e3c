package dev.vigil.core.task;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.event.Event;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.FindingHistory;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.port.AlertSource;
import dev.vigil.core.port.ChangeSource;
import dev.vigil.core.port.ClusterReader;
import dev.vigil.core.port.HttpProbe;
import dev.vigil.core.port.MetricSource;
import dev.vigil.core.port.Pager;
import dev.vigil.core.port.StatusPublisher;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a step sees and may do. Effects are buffered: posts and findings are committed together
 * with the step's checkpoint, so a step that dies half-way leaves nothing behind, and a completed
 * step's post is delivered exactly once. Not thread-safe; valid only during {@link
 * TaskKind#execute}.
 */
public interface StepContext {
  RunId runId();

  Agent agent();

  String taskName();

  String stepName();

  /** 1 on the first attempt of this step, 2 on its first retry... */
  int attempt();

  /** The task's validated parameters. */
  Map<String, Object> parameters();

  /** Why the run woke up. */
  WakeReason wakeReason();

  /**
   * The event that woke the run, as stored, payload included: what a task reads the details of a
   * deploy or an alert from. Empty when the run woke for another reason.
   */
  Optional<Event> event();

  /**
   * The events that woke the other live runs (queued, running or waiting on a timer) of this
   * agent's same task, oldest run first; runs woken otherwise are left out. How a run sees that a
   * newer one has taken over its work (a deploy watch superseded by a newer deploy of its service)
   * without any shared state of its own. Only this agent's runs of this task are read.
   */
  List<Event> otherLiveRunEvents();

  /**
   * Findings of every agent, narrowed to the services this agent's {@code findings:read} grant on the
   * built-in integration {@code findings} covers: what a digest or a report summarises.
   */
  FindingHistory findingHistory();

  /**
   * The events that woke this agent's other runs of the same task, whatever became of them (live,
   * finished, failed), newest run first, at most {@code limit}: a task's own memory of what it was
   * woken for, e.g. the deploy of a service that came before the one a watch reads (whose commit
   * starts the changeset), or a deploy of a caller that explains the caller's regression. Runs
   * woken otherwise are left out.
   */
  List<Event> otherRunEvents(int limit);

  /**
   * This agent's findings on {@code service} that people marked false positive, newest first, with
   * the reason and the time they gave: what a task takes into account so that it does not repeat a
   * mistake it was told about. Only this agent's findings are read.
   */
  List<Finding> falsePositives(String service);

  /** Outputs of the steps completed before this one, by step name. */
  Map<String, Map<String, Object>> previousOutputs();

  /** The engine's clock; steps never read the system clock themselves. */
  Instant now();

  /**
   * Posts {@code text} to {@code channel} through the outbox after this step's checkpoint.
   *
   * @throws SecurityException when the agent holds no grant to post there
   */
  default void post(String channel, String text) {
    post(ChatPost.text(channel, text));
  }

  /**
   * Posts a message, a finding card, charts or a reply in a thread through the outbox after this
   * step's checkpoint. Each chart counts as a post to the same channel (granted and audited
   * alike); a reply in a thread needs the same {@code chat:post} grant on the channel.
   *
   * @throws SecurityException when the agent holds no grant to post there
   */
  void post(ChatPost post);

  /** Records a finding with this step's checkpoint (deduplicated by its key). */
  void report(FindingDraft finding);

  /** Probes URLs on behalf of the agent; every call is audited. */
  HttpProbe httpProbe();

  /**
   * Reads metrics through the Prometheus-compatible integration {@code integration}, restricted to
   * the label scopes of the agent's {@code metrics:read} grants on it. Every call, allowed or
   * denied, is audited with the query as sent to the store. A query outside the scope throws
   * {@link SecurityException} (the step fails with the reason); other failures are the source's
   * {@link IntegrationFailure}s ({@code retryable()} says whether to retry the step).
   *
   * @throws SecurityException when no such integration is configured, it is not Prometheus-compatible,
   *     it is reserved for other agents, or the agent holds no {@code metrics:read} grant on it
   */
  MetricSource metrics(String integration);

  /**
   * Reads a Kubernetes cluster through the kubernetes integration {@code integration}, limited to
   * the namespaces of the agent's {@code k8s:read} grants on it. Every call, allowed or denied, is
   * audited with its namespace and object. A call outside those namespaces throws {@link
   * SecurityException} before any request is sent; other failures are the reader's {@link
   * IntegrationFailure}s ({@code retryable()} says whether to retry the step).
   *
   * @throws SecurityException when no such integration is configured, it is not kubernetes, it is
   *     reserved for other agents, or the agent holds no {@code k8s:read} grant on it
   */
  ClusterReader cluster(String integration);

  /**
   * Reads changesets through the git or github integration {@code integration}, limited to the
   * repositories ({@code owner/repo}) listed in the agent's {@code github:read} grants on it (an
   * empty scope: any repository). Every read, allowed or denied, is audited with its repository
   * and commits. A repository outside the grants throws {@link SecurityException} before anything
   * is fetched; other failures are {@link IntegrationFailure}s ({@code retryable()} says whether
   * to retry the step). A git integration clones into {@link #workspace()}.
   *
   * @throws SecurityException when no such integration is configured, it is neither git nor
   *     github, it is reserved for other agents, or the agent holds no {@code github:read} grant on it
   */
  ChangeSource changes(String integration);

  /**
   * Reads alerts and silences through the alertmanager integration {@code integration}, and creates
   * and expires silences, limited to the label scope of the agent's {@code alerts:read} grants on
   * it; creating or expiring also needs {@code alerts:silence}, and only a silence confined to the
   * scope is allowed. Every call, allowed or denied, is audited with its matchers or silence id. A
   * refused call throws {@link SecurityException} before anything is sent; other failures are
   * {@link IntegrationFailure}s ({@code retryable()} says whether to retry the step).
   *
   * @throws SecurityException when no such integration is configured, it is not alertmanager, it is
   *     reserved for other agents, or the agent holds no {@code alerts:read} grant on it
   */
  AlertSource alerts(String integration);

  /**
   * Triggers, acknowledges and resolves incidents through the pagerduty integration {@code
   * integration}. Every call is audited with its dedup key and summary.
   *
   * @throws SecurityException when no such integration is configured, it is not pagerduty, it is
   *     reserved for other agents, or the agent holds no {@code pager:trigger} grant on it
   */
  Pager paging(String integration);

  /**
   * Writes commit and deployment statuses through the github integration {@code integration},
   * limited to the repositories ({@code owner/repo}) of the agent's {@code github:write} grants on
   * it (an empty scope: any repository). Every write, allowed or denied, is audited. A repository
   * outside the grants throws {@link SecurityException} before anything is sent.
   *
   * @throws SecurityException when no such integration is configured, it is not github, it is
   *     reserved for other agents, or the agent holds no {@code github:write} grant on it
   */
  StatusPublisher statuses(String integration);

  /**
   * What Vigil knows of the system (services, owners, dependencies, runbooks, deploys, alert noise),
   * read-only: the catalog and ownership are not production data, so reading needs no grant. Empty
   * when no graph source is configured.
   */
  ContextGraph graph();

  /** The agent's own folder, kept across runs and restarts (created on first use). */
  Path workspace();
}
