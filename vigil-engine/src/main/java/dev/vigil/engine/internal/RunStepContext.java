package dev.vigil.engine.internal;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.agent.Agent;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.FindingHistory;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.outbox.OutboxStatus;
import dev.vigil.core.event.Event;
import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.change.CommitStatus;
import dev.vigil.core.change.DeploymentStatus;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.paging.Page;
import dev.vigil.core.port.AlertSource;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.Pager;
import dev.vigil.core.port.StatusPublisher;
import dev.vigil.core.port.EventStore;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.port.HttpProbe;
import dev.vigil.core.port.Workspaces;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.IntegrationConnections;
import dev.vigil.core.port.MetricSource;
import dev.vigil.core.cluster.ClusterEvent;
import dev.vigil.core.cluster.Pod;
import dev.vigil.core.cluster.ReplicaSet;
import dev.vigil.core.cluster.RolloutStatus;
import dev.vigil.core.cluster.Workload;
import dev.vigil.core.port.ChangeSource;
import dev.vigil.core.port.ClusterReader;
import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import java.util.function.UnaryOperator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The context of one step attempt. Buffers the step's posts and findings so that they are written
 * with its checkpoint; checks every outside call against the agent's grants and audits it.
 */
final class RunStepContext implements StepContext {
  private final Run run;
  private final Agent agent;
  private final int stepIndex;
  private final int attempt;
  private final Map<String, Map<String, Object>> previous;
  private final Clock clock;
  private final Workspaces workspaces;
  private final String chatIntegration;
  private final AuditLog audit;
  private final HttpProbe probe;
  private final IntegrationConnections integrations;
  private final EventStore events;
  private final ContextGraph graph;
  private final RunStore runs;
  private final FindingStore findingStore;
  private Optional<Event> event;
  private final List<OutboxEntry> posts = new ArrayList<>();
  private final List<FindingDraft> findings = new ArrayList<>();
  private final List<AuditEntry> auditEntries = new ArrayList<>();

  RunStepContext(Run run, Agent agent, int stepIndex, int attempt, Map<String, Map<String, Object>> previous,
      Clock clock, String chatIntegration, AuditLog audit, HttpProbe probe, Workspaces workspaces,
      IntegrationConnections integrations, EventStore events, ContextGraph graph, RunStore runs,
      FindingStore findingStore) {
    this.events = events;
    this.findingStore = findingStore;
    this.graph = graph;
    this.runs = runs;
    this.workspaces = workspaces;
    this.integrations = integrations;
    this.run = run;
    this.agent = agent;
    this.stepIndex = stepIndex;
    this.attempt = attempt;
    this.previous = Map.copyOf(previous);
    this.clock = clock;
    this.chatIntegration = chatIntegration;
    this.audit = audit;
    this.probe = probe;
  }

  @Override
  public RunId runId() {
    return run.id();
  }

  @Override
  public Agent agent() {
    return agent;
  }

  @Override
  public String taskName() {
    return run.task();
  }

  @Override
  public String stepName() {
    return run.plan().get(stepIndex).name();
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public Map<String, Object> parameters() {
    return run.parameters();
  }

  @Override
  public ContextGraph graph() {
    return graph;
  }

  @Override
  public Optional<Event> event() {
    if (event == null) {
      event = run.wake() instanceof WakeReason.OnEvent woke ? events.find(woke.eventId()) : Optional.empty();
    }
    return event;
  }

  @Override
  public List<Event> otherRunEvents(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<Event> out = new ArrayList<>();
    // Runs of other tasks of the agent share the listing: read a few times the limit so that they do not crowd it out.
    for (Run other : runs.list(Optional.of(agent.id()), Optional.empty(), limit * 4)) {
      if (out.size() < limit && !other.id().equals(run.id()) && other.task().equals(run.task())
          && other.wake() instanceof WakeReason.OnEvent woke) {
        events.find(woke.eventId()).ifPresent(out::add);
      }
    }
    return out;
  }

  @Override
  public List<Finding> falsePositives(String service) {
    return findingStore.list(new FindingStore.Filter(service, null, FindingStatus.FALSE_POSITIVE, agent.id()), 50);
  }

  @Override
  public List<Event> otherLiveRunEvents() {
    List<Event> out = new ArrayList<>();
    for (Run other : runs.liveRuns(agent.id(), run.task())) {
      if (!other.id().equals(run.id()) && other.wake() instanceof WakeReason.OnEvent woke) {
        events.find(woke.eventId()).ifPresent(out::add);
      }
    }
    return out;
  }

  @Override
  public WakeReason wakeReason() {
    return run.wake();
  }

  @Override
  public Map<String, Map<String, Object>> previousOutputs() {
    return previous;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public void post(ChatPost post) {
    String channel = post.channel();
    if (!agent.isAllowed(chatIntegration, "chat:post", channel)) {
      auditEntries.add(entry(chatIntegration, "chat:post", channel, "denied: no grant", Duration.ZERO));
      throw new SecurityException("agent '" + agent.id() + "' may not post to '" + channel + "': add the grant"
          + " {integration: " + chatIntegration + ", permission: chat:post, scope: [\"" + channel + "\"]}");
    }
    // Derived from run, step and position: a step repeated after a crash yields the same keys.
    String key = run.id().value() + ":" + stepIndex + ":" + posts.size();
    // A post's charts go in its thread: the post's own when it starts none, named by its key.
    Optional<String> thread = post.attachments().isEmpty() ? post.thread() : Optional.of(post.thread().orElse(key));
    queue(channel, post.text(), key, post.card(), Optional.empty(), thread);
    auditEntries.add(entry(chatIntegration, "chat:post", channel, "allowed: queued", Duration.ZERO));
    for (int i = 0; i < post.attachments().size(); i++) {
      ChatAttachment chart = post.attachments().get(i);
      queue(channel, chart.altText(), key + ":file:" + i, Optional.empty(), Optional.of(chart), thread);
      auditEntries.add(entry(chatIntegration, "chat:post", channel, "allowed: queued file " + chart.name(), Duration.ZERO));
    }
  }

  private void queue(String channel, String text, String key, Optional<FindingCard> card,
      Optional<ChatAttachment> attachment, Optional<String> thread) {
    // Posts of one step keep their order: the outbox delivers by creation time (stored at
    // microsecond precision), so each later post is stamped a microsecond later.
    posts.add(new OutboxEntry(UUID.randomUUID().toString(), run.id(), agent.id(), channel, text, key,
        OutboxStatus.PENDING, 0, clock.instant().plusNanos(1_000L * posts.size()), Optional.empty(), "", card,
        attachment, thread, Optional.empty()));
  }

  @Override
  public void report(FindingDraft finding) {
    findings.add(finding);
  }

  /** Whether the agent holds {@code permission} on {@code integration} at all, whatever the grant's scope. */
  private boolean holds(String integration, String permission) {
    return agent.grants().stream().anyMatch(g -> g.integration().equals(integration)
        && g.permission().equals(permission));
  }

  private static final String FINDINGS = "findings";
  private static final String FINDINGS_READ = "findings:read";

  @Override
  public FindingHistory findingHistory() {
    return (from, limit) -> {
      if (!holds(FINDINGS, FINDINGS_READ)) {
        auditEntries.add(entry(FINDINGS, FINDINGS_READ, "since " + from, "denied: no grant", Duration.ZERO));
        throw new SecurityException("agent '" + agent.id().value() + "' may not read findings: grant it {integration: "
            + FINDINGS + ", permission: " + FINDINGS_READ + "} (scope: services, or none for all)");
      }
      int wanted = Math.max(1, Math.min(limit, FindingHistory.MAX));
      // By last change, not creation: a finding filed a week ago and resolved overnight belongs in the
      // morning's digest. The services the grant allows are filtered after the read, so up to MAX are read.
      List<Finding> out = findingStore.changedSince(from, FindingHistory.MAX).stream()
          .filter(f -> agent.isAllowed(FINDINGS, FINDINGS_READ, f.service()))
          .limit(wanted).toList();
      auditEntries.add(entry(FINDINGS, FINDINGS_READ, "since " + from, "allowed: " + out.size() + " findings",
          Duration.ZERO));
      return out;
    };
  }

  @Override
  public HttpProbe httpProbe() {
    return (uri, timeout) -> {
      String target = uri.toString();
      if (!agent.isAllowed("http", "http:get", target) && !agent.isAllowed("http", "http:get", hostOf(uri))) {
        audit.record(entry("http", "http:get", target, "denied: no grant", Duration.ZERO));
        throw new SecurityException("agent '" + agent.id() + "' may not probe " + target + ": add the grant"
            + " {integration: http, permission: http:get, scope: [\"" + hostOf(uri) + "\"]}");
      }
      HttpProbe.Result result = probe.probe(uri, timeout);
      String outcome = result.status().map(s -> "ok: HTTP " + s).orElse("error: " + result.error().orElse("?"));
      audit.record(entry("http", "http:get", target, outcome, result.latency()));
      return result;
    };
  }

  @Override
  public MetricSource metrics(String integration) {
    AuditedMetrics audited = new AuditedMetrics(integration);
    audited.scoped = open(integration, LabelScopes.METRICS_READ, "read metrics",
        config -> denial(config, Set.of(IntegrationType.PROMETHEUS), "prometheus", LabelScopes.METRICS_READ,
            "['{namespace=\"...\"}']"),
        config -> integrations.metrics(config, agent.grants(), audited::outbound));
    return audited;
  }

  @Override
  public ClusterReader cluster(String integration) {
    return open(integration, K8S_READ, "read the cluster",
        config -> denial(config, Set.of(IntegrationType.KUBERNETES), "kubernetes", K8S_READ, "[\"<namespace>\"]"),
        config -> new AuditedCluster(integration,
            integrations.cluster(config, agent.grants(), UnaryOperator.identity())));
  }

  private static final String K8S_READ = "k8s:read";

  /**
   * Audits every cluster call of the step with its namespace and object. The namespace scope sits in
   * the reader underneath, so a refused call comes back as {@code DENIED} without having been sent,
   * and is audited and turned into a {@link SecurityException} here.
   */
  private final class AuditedCluster implements ClusterReader {
    private final String integration;
    private final ClusterReader scoped;

    AuditedCluster(String integration, ClusterReader scoped) {
      this.integration = integration;
      this.scoped = scoped;
    }

    @Override
    public String integration() {
      return integration;
    }

    @Override
    public List<Workload> workloads(String namespace) throws IntegrationFailure {
      return call("k8s:list-deployments", namespace, () -> scoped.workloads(namespace), r -> r.size() + " deployments");
    }

    @Override
    public Workload workload(String namespace, String name) throws IntegrationFailure {
      return call("k8s:get-deployment", namespace + "/" + name, () -> scoped.workload(namespace, name),
          w -> w.readyReplicas() + "/" + w.desiredReplicas() + " ready");
    }

    @Override
    public List<ReplicaSet> replicaSets(String namespace, String deployment) throws IntegrationFailure {
      return call("k8s:list-replica-sets", deployment == null ? namespace : namespace + "/" + deployment,
          () -> scoped.replicaSets(namespace, deployment), r -> r.size() + " replica sets");
    }

    @Override
    public List<Pod> pods(String namespace, Map<String, String> labelSelector) throws IntegrationFailure {
      String selector = labelSelector == null || labelSelector.isEmpty() ? ""
          : " " + new java.util.TreeMap<>(labelSelector).toString();
      return call("k8s:list-pods", namespace + selector, () -> scoped.pods(namespace, labelSelector),
          r -> r.size() + " pods");
    }

    @Override
    public List<ClusterEvent> events(String namespace, String involvedName) throws IntegrationFailure {
      return call("k8s:list-events", involvedName == null ? namespace : namespace + "/" + involvedName,
          () -> scoped.events(namespace, involvedName), r -> r.size() + " events");
    }

    @Override
    public RolloutStatus rolloutStatus(String namespace, String deployment) throws IntegrationFailure {
      return call("k8s:rollout-status", namespace + "/" + deployment, () -> scoped.rolloutStatus(namespace, deployment),
          r -> r.state().name().toLowerCase(java.util.Locale.ROOT));
    }

    private <T> T call(String operation, String target, IntegrationCall<T> call,
        java.util.function.Function<T, String> describe) throws IntegrationFailure {
      return audited(integration, "read", operation, () -> target, call, describe);
    }
  }

  private static final String GITHUB_READ = "github:read";

  @Override
  public ChangeSource changes(String integration) {
    return open(integration, GITHUB_READ, "read changes",
        config -> denial(config, Set.of(IntegrationType.GIT, IntegrationType.GITHUB), "git or github", GITHUB_READ,
            "[\"<owner>/<repo>\"]"),
        config -> new AuditedChanges(integration, integrations.changes(config, workspace())));
  }

  /**
   * Opens a client on {@code integration} for this step once the agent may use it at all: the
   * denial, if any, and a refusal or unresolved credential while opening are audited under
   * {@code permission} and fail the step.
   */
  private <T> T open(String integration, String permission, String what,
      java.util.function.Function<IntegrationConfig, String> denialOf,
      java.util.function.Function<IntegrationConfig, T> opener) {
    Optional<IntegrationConfig> config = integrations.find(integration);
    String denial = config.isEmpty() ? "no integration named '" + integration + "' is configured"
        : denialOf.apply(config.get());
    if (denial != null) {
      audit.record(entry(integration, permission, "", "denied: " + denial, Duration.ZERO));
      throw new SecurityException("agent '" + agent.id() + "' may not " + what + " through '" + integration + "': "
          + denial);
    }
    try {
      return opener.apply(config.get());
    } catch (IllegalArgumentException refused) {
      audit.record(entry(integration, permission, "", "denied: " + refused.getMessage(), Duration.ZERO));
      throw new SecurityException("agent '" + agent.id() + "' may not " + what + " through '" + integration + "': "
          + refused.getMessage(), refused);
    } catch (SecretResolver.UnresolvedSecretException unresolved) {
      audit.record(entry(integration, permission, "", "error: credential " + unresolved.getMessage(), Duration.ZERO));
      throw unresolved;
    }
  }

  /**
   * Why this agent may not use {@code config} for {@code permission} at all, or null when it may.
   *
   * @param scopeExample how a grant's scope looks for this permission, for the hint in the denial
   */
  private String denial(IntegrationConfig config, Set<IntegrationType> types, String typesText, String permission,
      String scopeExample) {
    if (!types.contains(config.type())) {
      return "it is a " + config.type().text() + " integration, not " + typesText;
    }
    if (!config.admits(agent.id().value())) {
      return "it is reserved for the agents " + config.agents();
    }
    return holds(config.name(), permission) ? null : "the agent holds no " + permission + " grant on it; add {integration: " + config.name()
        + ", permission: \"" + permission + "\", scope: " + scopeExample + "}";
  }

  /**
   * Checks each read's repository against the agent's {@code github:read} scopes before it reaches
   * the source, and audits it with repository and commits. The check is here rather than in the
   * integration because a repository name is the same plain text for every source type.
   */
  private final class AuditedChanges implements ChangeSource {
    private final String integration;
    private final ChangeSource source;

    AuditedChanges(String integration, ChangeSource source) {
      this.integration = integration;
      this.source = source;
    }

    @Override
    public String integration() {
      return integration;
    }

    @Override
    public Changeset changeset(String repository, CommitSha base, CommitSha head, ChangeLimits limits)
        throws IntegrationFailure {
      String target = repository + " " + base + "..." + head;
      requireRepository(integration, GITHUB_READ, "read", "github:compare", repository, target);
      return audited(integration, "read", "github:compare", () -> target, () -> source.changeset(repository, base, head, limits),
          changes -> changes.commits().size() + " commits, " + changes.files().size() + " files"
              + (changes.truncated() ? " (truncated)" : ""));
    }
  }

  private static final String ALERTS_READ = "alerts:read";
  private static final String ALERTS_SILENCE = "alerts:silence";
  private static final String PAGER_TRIGGER = "pager:trigger";
  private static final String GITHUB_WRITE = "github:write";

  @Override
  public AlertSource alerts(String integration) {
    AuditedAlerts audited = new AuditedAlerts(integration);
    audited.scoped = open(integration, ALERTS_READ, "read alerts",
        config -> denial(config, Set.of(IntegrationType.ALERTMANAGER), "alertmanager", ALERTS_READ,
            "['{namespace=\"...\"}']"),
        config -> integrations.alerts(config, agent.grants(), audited::outbound));
    return audited;
  }

  /**
   * Audits every alert call of the step. The scoped source (from the integration) sits on top of
   * {@link #outbound}, which records the filter as actually sent; a call the scope refuses never
   * reaches it and is audited with what the step asked.
   */
  private final class AuditedAlerts implements AlertSource {
    private final String integration;
    private AlertSource scoped;
    private String sent;

    AuditedAlerts(String integration) {
      this.integration = integration;
    }

    AlertSource outbound(AlertSource manager) {
      return new AlertSource() {
        @Override
        public String integration() {
          return manager.integration();
        }

        @Override
        public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited)
            throws IntegrationFailure {
          sent = matchers(filter);
          return manager.alerts(filter, includeSilenced, includeInhibited);
        }

        @Override
        public List<Silence> silences() throws IntegrationFailure {
          return manager.silences();
        }

        @Override
        public String createSilence(SilenceRequest request) throws IntegrationFailure {
          return manager.createSilence(request);
        }

        @Override
        public void expireSilence(String id) throws IntegrationFailure {
          manager.expireSilence(id);
        }
      };
    }

    @Override
    public String integration() {
      return integration;
    }

    @Override
    public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited)
        throws IntegrationFailure {
      sent = null;
      String asked = matchers(filter);
      return audited(integration, "read alerts", "alerts:list", () -> sent != null ? sent : asked,
          () -> scoped.alerts(filter, includeSilenced, includeInhibited), r -> r.size() + " alerts");
    }

    @Override
    public List<Silence> silences() throws IntegrationFailure {
      return audited(integration, "read alerts", "alerts:list-silences", () -> "", scoped::silences,
          r -> r.size() + " silences");
    }

    @Override
    public String createSilence(SilenceRequest request) throws IntegrationFailure {
      String target = matchers(request.matchers()) + " until " + request.endsAt();
      requireSilenceGrant("alerts:create-silence", target);
      return audited(integration, "silence alerts", "alerts:create-silence", () -> target,
          () -> scoped.createSilence(request), id -> "silence " + id);
    }

    @Override
    public void expireSilence(String id) throws IntegrationFailure {
      requireSilenceGrant("alerts:expire-silence", id);
      auditedAction(integration, "silence alerts", "alerts:expire-silence", id, () -> scoped.expireSilence(id),
          "expired");
    }

    private void requireSilenceGrant(String operation, String target) {
      if (!holds(integration, ALERTS_SILENCE)) {
        audit.record(entry(integration, operation, target, "denied: the agent holds no " + ALERTS_SILENCE
            + " grant on it", Duration.ZERO));
        throw new SecurityException("agent '" + agent.id() + "' may not silence alerts through '" + integration
            + "': the agent holds no " + ALERTS_SILENCE + " grant on it; add {integration: " + integration
            + ", permission: \"" + ALERTS_SILENCE + "\"}");
      }
    }
  }

  private static String stateOf(Enum<?> state) {
    return state.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String matchers(List<LabelMatcher> matchers) {
    return "{" + String.join(", ", matchers.stream().map(LabelMatcher::toString).toList()) + "}";
  }

  @Override
  public Pager paging(String integration) {
    return open(integration, PAGER_TRIGGER, "page",
        config -> denial(config, Set.of(IntegrationType.PAGERDUTY), "pagerduty", PAGER_TRIGGER, "[]"),
        config -> new AuditedPager(integration, integrations.pager(config)));
  }

  /** Audits every page of the step with its dedup key (and the summary of a trigger). */
  private final class AuditedPager implements Pager {
    private final String integration;
    private final Pager pager;

    AuditedPager(String integration, Pager pager) {
      this.integration = integration;
      this.pager = pager;
    }

    @Override
    public String integration() {
      return integration;
    }

    @Override
    public String trigger(Page page) throws IntegrationFailure {
      String target = page.dedupKey().orElse("(new)") + " " + page.severity().name().toLowerCase(java.util.Locale.ROOT)
          + ": " + page.summary();
      return audited(integration, "page", "pager:trigger", () -> target, () -> pager.trigger(page),
          key -> "dedup key " + key);
    }

    @Override
    public void acknowledge(String dedupKey) throws IntegrationFailure {
      auditedAction(integration, "page", "pager:acknowledge", dedupKey, () -> pager.acknowledge(dedupKey),
          "acknowledged");
    }

    @Override
    public void resolve(String dedupKey) throws IntegrationFailure {
      auditedAction(integration, "page", "pager:resolve", dedupKey, () -> pager.resolve(dedupKey), "resolved");
    }
  }

  @Override
  public StatusPublisher statuses(String integration) {
    return open(integration, GITHUB_WRITE, "write statuses",
        config -> denial(config, Set.of(IntegrationType.GITHUB), "github", GITHUB_WRITE, "[\"<owner>/<repo>\"]"),
        config -> new AuditedStatuses(integration, integrations.statuses(config)));
  }

  /** Checks each write's repository against the {@code github:write} scopes and audits it. */
  private final class AuditedStatuses implements StatusPublisher {
    private final String integration;
    private final StatusPublisher publisher;

    AuditedStatuses(String integration, StatusPublisher publisher) {
      this.integration = integration;
      this.publisher = publisher;
    }

    @Override
    public String integration() {
      return integration;
    }

    @Override
    public void commitStatus(String repository, CommitSha sha, CommitStatus status) throws IntegrationFailure {
      String target = repository + "@" + sha + " " + status.context();
      requireRepository(integration, GITHUB_WRITE, "write to", "github:commit-status", repository, target);
      auditedAction(integration, "write to", "github:commit-status", target,
          () -> publisher.commitStatus(repository, sha, status), stateOf(status.state()));
    }

    @Override
    public void deploymentStatus(String repository, long deploymentId, DeploymentStatus status)
        throws IntegrationFailure {
      String target = repository + " deployment " + deploymentId;
      requireRepository(integration, GITHUB_WRITE, "write to", "github:deployment-status", repository, target);
      auditedAction(integration, "write to", "github:deployment-status", target,
          () -> publisher.deploymentStatus(repository, deploymentId, status), stateOf(status.state()));
    }
  }

  /** The permission that carries label scopes; mirrors the integrations' LabelScope, which the engine cannot see. */
  private static final class LabelScopes {
    static final String METRICS_READ = "metrics:read";
  }

  /**
   * Audits every metric call of the step: the scoped source (from the integration) sits on top of
   * {@link #outbound}, which sees the query as it is actually sent; a call refused by the scope never
   * reaches it and is audited with the query as the step asked it.
   */
  private final class AuditedMetrics implements MetricSource {
    private final String integration;
    private MetricSource scoped;
    private String sent;

    AuditedMetrics(String integration) {
      this.integration = integration;
    }

    MetricSource outbound(MetricSource store) {
      return new MetricSource() {
        @Override
        public String integration() {
          return store.integration();
        }

        @Override
        public QueryResult query(String promql, Instant time) throws IntegrationFailure {
          sent = promql;
          return store.query(promql, time);
        }

        @Override
        public QueryResult queryRange(String promql, TimeRange range, Duration step) throws IntegrationFailure {
          sent = promql;
          return store.queryRange(promql, range, step);
        }

        @Override
        public List<Labels> series(List<String> selectors, TimeRange range) throws IntegrationFailure {
          sent = String.join(", ", selectors);
          return store.series(selectors, range);
        }

        @Override
        public List<String> labelNames(List<String> selectors, TimeRange range) throws IntegrationFailure {
          sent = String.join(", ", selectors);
          return store.labelNames(selectors, range);
        }

        @Override
        public List<String> labelValues(String label, List<String> selectors, TimeRange range) throws IntegrationFailure {
          sent = label + " " + String.join(", ", selectors);
          return store.labelValues(label, selectors, range);
        }
      };
    }

    @Override
    public String integration() {
      return integration;
    }

    @Override
    public QueryResult query(String promql, Instant time) throws IntegrationFailure {
      return call("metrics:query", promql, () -> scoped.query(promql, time), RunStepContext::describe);
    }

    @Override
    public QueryResult queryRange(String promql, TimeRange range, Duration step) throws IntegrationFailure {
      return call("metrics:query-range", promql, () -> scoped.queryRange(promql, range, step), RunStepContext::describe);
    }

    @Override
    public List<Labels> series(List<String> selectors, TimeRange range) throws IntegrationFailure {
      return call("metrics:series", String.join(", ", selectors), () -> scoped.series(selectors, range),
          r -> r.size() + " series");
    }

    @Override
    public List<String> labelNames(List<String> selectors, TimeRange range) throws IntegrationFailure {
      return call("metrics:label-names", String.join(", ", selectors), () -> scoped.labelNames(selectors, range),
          r -> r.size() + " names");
    }

    @Override
    public List<String> labelValues(String label, List<String> selectors, TimeRange range) throws IntegrationFailure {
      return call("metrics:label-values", label + " " + String.join(", ", selectors),
          () -> scoped.labelValues(label, selectors, range), r -> r.size() + " values");
    }

    private <T> T call(String operation, String asked, IntegrationCall<T> call,
        java.util.function.Function<T, String> describe) throws IntegrationFailure {
      sent = null;
      return audited(integration, "read", operation, () -> sentOr(asked), call, describe);
    }

    private String sentOr(String asked) {
      return sent != null ? sent : asked;
    }
  }

  /** One call through an integration port. */
  @FunctionalInterface
  private interface IntegrationCall<T> {
    T run() throws IntegrationFailure;
  }

  /**
   * Runs one call through {@code integration} and audits it with its outcome: a {@code DENIED}
   * failure (refused by the scope underneath, so never sent) becomes a {@link SecurityException}
   * that fails the step with the reason; other failures are audited and passed on for the step to
   * retry or not.
   *
   * @param what what the step was doing, for the denial ({@code read}, {@code silence alerts})
   * @param target read after the call, so that it can be the request as actually sent
   */
  private <T> T audited(String integration, String what, String operation,
      java.util.function.Supplier<String> target, IntegrationCall<T> call,
      java.util.function.Function<T, String> describe) throws IntegrationFailure {
    long started = System.nanoTime();
    try {
      T result = call.run();
      audit.record(entry(integration, operation, target.get(), "ok: " + describe.apply(result), since(started)));
      return result;
    } catch (IntegrationFailure f) {
      if (f.kind() == IntegrationFailure.Kind.DENIED) {
        audit.record(entry(integration, operation, target.get(), "denied: " + f.getMessage(), since(started)));
        throw new SecurityException("agent '" + agent.id() + "' may not " + what + " through '" + integration + "': "
            + f.getMessage(), f);
      }
      audit.record(entry(integration, operation, target.get(),
          "error: " + f.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.getMessage(), since(started)));
      throw f;
    } catch (RuntimeException e) {
      audit.record(entry(integration, operation, target.get(), "error: " + e, since(started)));
      throw e;
    }
  }

  /** One call through an integration port that answers nothing. */
  @FunctionalInterface
  private interface IntegrationAction {
    void run() throws IntegrationFailure;
  }

  /** {@link #audited} for a call that answers nothing: {@code outcome} says what was done. */
  private void auditedAction(String integration, String what, String operation, String target,
      IntegrationAction action, String outcome) throws IntegrationFailure {
    audited(integration, what, operation, () -> target, () -> {
      action.run();
      return outcome;
    }, done -> done);
  }

  /**
   * Fails the step, audited, when the agent's grants do not allow {@code permission} on
   * {@code repository}. The check is here rather than in the integration because a repository name
   * is the same plain text for every source type.
   */
  private void requireRepository(String integration, String permission, String verb, String operation,
      String repository, String auditedTarget) {
    if (!agent.isAllowed(integration, permission, repository)) {
      audit.record(entry(integration, operation, auditedTarget, "denied: repository '" + repository
          + "' is outside the " + permission + " scope", Duration.ZERO));
      throw new SecurityException("agent '" + agent.id() + "' may not " + verb + " '" + repository + "' through '"
          + integration + "': add \"" + repository + "\" to the scope of its " + permission + " grant");
    }
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static String describe(QueryResult result) {
    return switch (result) {
      case QueryResult.Vector v -> v.series().size() + " series";
      case QueryResult.Matrix m -> m.series().size() + " series";
      case QueryResult.Scalar s -> "a scalar";
      case QueryResult.Text t -> "a string";
    };
  }

  private static String hostOf(URI uri) {
    return uri.getHost() == null ? "" : uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }

  private AuditEntry entry(String integration, String op, String target, String result, Duration took) {
    return new AuditEntry(clock.instant(), agent.id().value(), run.id().value(), integration, op, target, result, took);
  }

  List<OutboxEntry> posts() {
    return posts;
  }

  List<FindingDraft> findings() {
    return findings;
  }

  /** Audit entries that belong to the checkpoint (or to the failure record). */
  List<AuditEntry> auditEntries() {
    return auditEntries;
  }

  @Override
  public Path workspace() {
    return workspaces.of(agent.id());
  }
}
