package dev.vigil.server.api;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.ApiTokenStore;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.event.HookRules;
import dev.vigil.core.port.HookStore;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.security.ApiToken;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.engine.Engine;
import dev.vigil.server.security.Tokens;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.Bodies;
import dev.vigil.store.Database;
import dev.vigil.integrations.webhook.WebhookChatChannel;
import dev.vigil.store.JdbcConsoleChat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Agents as code (apply, export, schema), the audit log, API tokens and the built-in chat. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "administration")
public class AdminApi {
  private final Engine engine;
  private final AgentStore agents;
  private final AuditLog audit;
  private final ApiTokenStore tokens;
  private final JdbcConsoleChat chat;
  private final TaskKindRegistry kinds;
  private final IntegrationStore integrations;
  private final HookStore hooks;
  private final Database db;
  private final Clock clock;

  public AdminApi(Engine engine, AgentStore agents, AuditLog audit, ApiTokenStore tokens, JdbcConsoleChat chat,
      TaskKindRegistry kinds, IntegrationStore integrations, HookStore hooks, Database db, Clock clock) {
    this.integrations = integrations;
    this.hooks = hooks;
    this.db = db;
    this.engine = engine;
    this.agents = agents;
    this.audit = audit;
    this.tokens = tokens;
    this.chat = chat;
    this.kinds = kinds;
    this.clock = clock;
  }

  @PostMapping(value = "/apply", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "application/json"})
  @Operation(summary = "Apply an agents.yaml document: creates or replaces each integration, hook and agent in it, all or nothing")
  public Map<String, Object> apply(@RequestBody String body,
      @RequestHeader(value = "Content-Type", required = false) String contentType, HttpServletRequest req) {
    AgentDocument.Contents parsed = AgentDocument.read(Bodies.parse(body, contentType == null ? "application/yaml" : contentType));
    List<Agent> saved = db.transactor().inTransaction(() -> {
      for (IntegrationConfig integration : parsed.integrations()) {
        integrations.save(integration, clock.instant());
      }
      for (HookRules rules : parsed.hooks()) {
        hooks.save(rules, clock.instant());
      }
      return parsed.agents().isEmpty() ? List.<Agent>of() : engine.saveAgents(parsed.agents());
    });
    List<String> integrationNames = parsed.integrations().stream().map(IntegrationConfig::name).toList();
    if (!integrationNames.isEmpty()) {
      audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "integrations:apply",
          String.join(",", integrationNames), "ok", Duration.ZERO));
    }
    List<String> hookSources = parsed.hooks().stream().map(HookRules::source).toList();
    if (!hookSources.isEmpty()) {
      audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "hooks:apply",
          String.join(",", hookSources), "ok", Duration.ZERO));
    }
    audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "agents:apply",
        String.join(",", saved.stream().map(a -> a.id().value()).toList()), "ok", Duration.ZERO));
    Map<String, Object> answer = new java.util.LinkedHashMap<>();
    answer.put("applied", saved.stream().map(a -> a.id().value()).toList());
    if (!integrationNames.isEmpty()) answer.put("integrations", integrationNames);
    if (!hookSources.isEmpty()) answer.put("hooks", hookSources);
    return answer;
  }

  @GetMapping(value = "/export", produces = {"application/yaml", "application/json"})
  @Operation(summary = "All integrations, hooks and agents as an agents.yaml document (YAML by default, JSON with Accept: application/json)")
  public ResponseEntity<String> export(@RequestHeader(value = "Accept", required = false) String accept) {
    List<Agent> all = new ArrayList<>();
    String after = "";
    while (true) {
      List<Agent> page = agents.list(after, 500);
      all.addAll(page);
      if (page.size() < 500) break;
      after = page.get(page.size() - 1).id().value();
    }
    // Integrations are written with their credential references, never the values.
    Map<String, Object> doc = AgentDocument.writeDocument(integrations.list(), hooks.list(), all);
    boolean json = accept != null && accept.contains("json") && !accept.contains("yaml");
    return json
        ? ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Bodies.JSON.writeValueAsString(doc))
        : ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml")).body(Bodies.YAML.writeValueAsString(doc));
  }

  @GetMapping(value = "/schema/agents.json", produces = "application/schema+json")
  @Operation(summary = "The JSON Schema of agents.yaml, with the parameters of each installed task kind")
  public String schema() {
    return Bodies.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(AgentsSchema.build(kinds));
  }

  @GetMapping("/audit")
  @Operation(summary = "The audit log, newest first; filter by actor (an agent name or api:<token>)")
  public Map<String, Object> audit(@RequestParam(required = false) String actor, @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) throw ApiException.badRequest("limit must be between 1 and 1000");
    return Views.page("entries", audit.list(actor, limit).stream().map(Views::audit).toList());
  }

  @GetMapping("/tokens")
  @Operation(summary = "API tokens (names and dates; never the tokens)")
  public Map<String, Object> tokens() {
    return Views.page("tokens", tokens.list().stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("createdAt", t.createdAt().toString());
      t.lastUsedAt().ifPresent(u -> m.put("lastUsedAt", u.toString()));
      m.put("revoked", t.revoked());
      return m;
    }).toList());
  }

  @PostMapping(value = "/tokens", consumes = "application/json")
  @Operation(summary = "Create a token {\"name\": \"ci\"}; the answer shows the token once")
  public ResponseEntity<Map<String, Object>> createToken(@RequestBody String body, HttpServletRequest req) {
    Map<String, Object> m = Bodies.object(body, "application/json");
    Bodies.onlyFields(m, List.of("name"));
    if (!(m.get("name") instanceof String name) || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw ApiException.badRequest("name: required, lowercase letters, digits and dashes");
    }
    if (tokens.list().stream().anyMatch(t -> t.name().equals(name))) {
      throw new ApiException(HttpStatus.CONFLICT, "a token named '" + name + "' exists already");
    }
    String token = Tokens.newToken();
    tokens.create(new ApiToken(name, Tokens.hash(token), clock.instant(), Optional.empty(), false));
    audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "token:create", name, "ok", Duration.ZERO));
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("name", name, "token", token,
        "note", "store it now: it is not shown again"));
  }

  @DeleteMapping("/tokens/{name}")
  @Operation(summary = "Revoke a token")
  public ResponseEntity<Void> revoke(@PathVariable String name, HttpServletRequest req) {
    if (!tokens.revoke(name)) throw ApiException.notFound("token '" + name + "'");
    audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "token:revoke", name, "ok", Duration.ZERO));
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/chat/messages")
  @Operation(summary = "Messages agents posted to the built-in chat (when no external chat is configured)")
  public Map<String, Object> chat(@RequestParam(required = false) String channel, @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) throw ApiException.badRequest("limit must be between 1 and 1000");
    return Views.page("messages", chat.list(channel, limit).stream().map(AdminApi::message).toList());
  }

  /** A built-in chat message; card, thread and chart only when it has them. */
  private static Map<String, Object> message(JdbcConsoleChat.Message msg) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", msg.id());
    view.put("channel", msg.channel());
    view.put("agent", msg.agent());
    // Written by a person in the console's chat: "agent" then holds their name.
    if (msg.fromPerson()) view.put("fromPerson", true);
    view.put("text", msg.text());
    view.put("receivedAt", msg.receivedAt().toString());
    view.put("key", msg.key());
    msg.threadId().ifPresent(t -> view.put("replyTo", t));
    // The same card JSON as the webhook chat's, so one reader serves both.
    msg.card().ifPresent(card -> view.put("card", WebhookChatChannel.cardJson(card)));
    msg.attachmentName().ifPresent(name -> view.put("attachment", Map.of("name", name,
        "href", "/api/v1/chat/messages/" + msg.id() + "/attachment")));
    return view;
  }

  @GetMapping("/chat/messages/{id}/attachment")
  @Operation(summary = "The chart a built-in chat message carries (PNG)")
  public ResponseEntity<byte[]> attachment(@PathVariable long id) {
    return chat.attachment(id)
        .map(a -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
            .header("Content-Disposition", "inline; filename=\"" + a.name().replace("\"", "") + "\"")
            .body(a.content()))
        .orElseThrow(() -> ApiException.notFound("chat message " + id + " has no attachment"));
  }
}
