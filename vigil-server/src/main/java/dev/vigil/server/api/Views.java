package dev.vigil.server.api;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.event.Event;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.StepRecord;
import dev.vigil.integrations.webhook.WebhookChatChannel;
import dev.vigil.store.JdbcRunStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes of domain values. */
final class Views {
  private Views() {}

  static Map<String, Object> agent(Agent a) {
    return AgentDocument.writeAgent(a);
  }

  static Map<String, Object> run(Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().value());
    m.put("agent", r.agent().value());
    m.put("task", r.task());
    m.put("kind", r.kind());
    m.put("status", r.status().name().toLowerCase());
    m.put("wake", JdbcRunStore.wakeToMap(r.wake()));
    m.put("createdAt", r.createdAt().toString());
    r.startedAt().ifPresent(t -> m.put("startedAt", t.toString()));
    r.finishedAt().ifPresent(t -> m.put("finishedAt", t.toString()));
    r.resumeAt().ifPresent(t -> m.put("resumeAt", t.toString()));
    m.put("nextStep", r.nextStep());
    m.put("plan", r.plan().stream().map(p -> Map.of("name", p.name(), "description", p.description())).toList());
    if (!r.error().isEmpty()) m.put("error", r.error());
    return m;
  }

  static Map<String, Object> step(StepRecord s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", s.index());
    m.put("name", s.name());
    m.put("status", s.status().name().toLowerCase());
    m.put("attempts", s.attempts());
    m.put("startedAt", s.startedAt().toString());
    s.finishedAt().ifPresent(t -> m.put("finishedAt", t.toString()));
    s.finishedAt().ifPresent(t -> m.put("durationMs", java.time.Duration.between(s.startedAt(), t).toMillis()));
    m.put("input", s.input());
    m.put("output", s.output());
    if (!s.error().isEmpty()) m.put("error", s.error());
    return m;
  }

  static Map<String, Object> post(OutboxEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("channel", e.channel());
    m.put("text", e.text());
    m.put("status", e.status().name().toLowerCase());
    m.put("attempts", e.attempts());
    m.put("idempotencyKey", e.idempotencyKey());
    e.deliveredAt().ifPresent(t -> m.put("deliveredAt", t.toString()));
    if (!e.lastError().isEmpty()) m.put("lastError", e.lastError());
    e.card().ifPresent(card -> m.put("card", WebhookChatChannel.cardJson(card)));
    e.attachment().ifPresent(a -> m.put("attachment", Map.of("name", a.name(), "bytes", a.content().length)));
    e.threadKey().ifPresent(t -> m.put("thread", t));
    e.platformId().ifPresent(id -> m.put("chatMessageId", id));
    return m;
  }

  static Map<String, Object> finding(Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id().value());
    m.put("agent", f.agent().value());
    m.put("run", f.run().value());
    m.put("severity", f.severity().name().toLowerCase());
    m.put("service", f.service());
    m.put("summary", f.summary());
    m.put("status", f.status().text());
    if (!f.statusReason().isEmpty()) m.put("statusReason", f.statusReason());
    m.put("occurrences", f.occurrences());
    m.put("dedupKey", f.dedupKey());
    m.put("evidence", f.evidence().stream().map(e -> {
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("query", e.query());
      em.put("from", e.from().toString());
      em.put("to", e.to().toString());
      em.put("observed", e.observed());
      em.put("expected", e.expected());
      e.sourceUrl().ifPresent(u -> em.put("sourceUrl", u));
      return em;
    }).toList());
    m.put("nextSteps", f.nextSteps());
    m.put("createdAt", f.createdAt().toString());
    m.put("updatedAt", f.updatedAt().toString());
    return m;
  }

  static Map<String, Object> event(Event e, boolean withPayload) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id().value());
    m.put("source", e.source());
    m.put("type", e.type());
    m.put("subject", e.subject());
    m.put("time", e.time().toString());
    if (!e.deliveryId().isEmpty()) m.put("deliveryId", e.deliveryId());
    m.put("labels", e.labels());
    if (!e.text().isEmpty()) m.put("text", e.text());
    if (withPayload) m.put("payload", dev.vigil.server.web.Bodies.parse(e.payloadJson(), "application/json"));
    return m;
  }

  static Map<String, Object> audit(AuditEntry a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", a.time().toString());
    m.put("actor", a.actor());
    if (!a.run().isEmpty()) m.put("run", a.run());
    m.put("integration", a.integration());
    m.put("operation", a.operation());
    m.put("target", a.target());
    m.put("result", a.result());
    m.put("durationMs", a.duration().toMillis());
    return m;
  }

  static Map<String, Object> page(String key, List<?> items) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, items);
    m.put("count", items.size());
    return m;
  }
}
