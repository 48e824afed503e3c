package dev.vigil.engine.internal;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.outbox.OutboxStatus;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.HttpProbe;
import dev.vigil.core.port.Workspaces;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.port.Workspaces;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private final List<OutboxEntry> posts = new ArrayList<>();
  private final List<FindingDraft> findings = new ArrayList<>();
  private final List<AuditEntry> auditEntries = new ArrayList<>();

  RunStepContext(Run run, Agent agent, int stepIndex, int attempt, Map<String, Map<String, Object>> previous,
      Clock clock, String chatIntegration, AuditLog audit, HttpProbe probe, Workspaces workspaces) {
    this.workspaces = workspaces;
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
  public void post(String channel, String text) {
    if (!agent.isAllowed(chatIntegration, "chat:post", channel)) {
      auditEntries.add(entry(chatIntegration, "chat:post", channel, "denied: no grant", Duration.ZERO));
      throw new SecurityException("agent '" + agent.id() + "' may not post to '" + channel + "': add the grant"
          + " {integration: " + chatIntegration + ", permission: chat:post, scope: [\"" + channel + "\"]}");
    }
    // Derived from run, step and position: a step repeated after a crash yields the same keys.
    String key = run.id().value() + ":" + stepIndex + ":" + posts.size();
    // Posts of one step keep their order: the outbox delivers by creation time (stored at
    // microsecond precision), so each later post is stamped a microsecond later.
    posts.add(new OutboxEntry(UUID.randomUUID().toString(), run.id(), agent.id(), channel, text, key,
        OutboxStatus.PENDING, 0, clock.instant().plusNanos(1_000L * posts.size()), Optional.empty(), ""));
    auditEntries.add(entry(chatIntegration, "chat:post", channel, "allowed: queued", Duration.ZERO));
  }

  @Override
  public void report(FindingDraft finding) {
    findings.add(finding);
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
