package dev.vigil.server.api;

import dev.vigil.store.FileWorkspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.stream.Stream;
import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.TaskKind;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.core.task.TaskRef;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.Trigger;
import dev.vigil.engine.Engine;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.ApiGateFilter;
import dev.vigil.server.web.Bodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Agents, their tasks and plans. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "agents", description = "agents, their tasks, plans, pausing and manual runs")
public class AgentsApi {
  private static final int MAX_LISTED_FILES = 1_000;
  private final AgentStore agents;
  private final Engine engine;
  private final TaskKindRegistry kinds;
  private final AuditLog audit;
  private final Clock clock;
  private final FileWorkspaces workspaces;

  public AgentsApi(AgentStore agents, Engine engine, TaskKindRegistry kinds, AuditLog audit, Clock clock,
      FileWorkspaces workspaces) {
    this.workspaces = workspaces;
    this.agents = agents;
    this.engine = engine;
    this.kinds = kinds;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/agents")
  @Operation(summary = "List agents by name (paged with 'after' and 'limit')")
  public Map<String, Object> list(@RequestParam(defaultValue = "") String after,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) throw ApiException.badRequest("limit must be between 1 and 1000");
    List<Agent> page = agents.list(after, limit);
    Map<String, Object> body = Views.page("agents", page.stream().map(Views::agent).toList());
    body.put("total", agents.count());
    if (page.size() == limit) body.put("next", page.get(page.size() - 1).id().value());
    return body;
  }

  @GetMapping("/agents/{name}")
  @Operation(summary = "One agent, with the next wake-up of each scheduled task")
  public Map<String, Object> get(@PathVariable String name) {
    Agent agent = find(name);
    Map<String, Object> body = new LinkedHashMap<>(Views.agent(agent));
    Map<String, Object> next = new LinkedHashMap<>();
    for (TaskSpec t : agent.tasks()) {
      if (t.trigger() instanceof Trigger.Schedule) {
        engine.nextWake(new TaskRef(agent.id(), t.name())).ifPresent(i -> next.put(t.name(), i.toString()));
      }
    }
    body.put("nextWake", next);
    body.put("workspace", "workspaces/" + agent.id().value());
    return body;
  }

  @PostMapping(value = "/agents", consumes = {"application/json", "application/yaml"})
  @Operation(summary = "Create an agent (fails if the name exists)")
  public ResponseEntity<Map<String, Object>> create(@RequestBody String body,
      @RequestHeader(value = "Content-Type", required = false) String contentType, HttpServletRequest req) {
    Agent agent = AgentDocument.readAgent(Bodies.parse(body, contentType), "agent");
    if (agents.find(agent.id()).isPresent()) {
      throw new ApiException(HttpStatus.CONFLICT, "agent '" + agent.id() + "' exists already: use PUT /api/v1/agents/" + agent.id());
    }
    Agent saved = engine.saveAgent(agent);
    audited(req, "agent:create", saved.id().value());
    return ResponseEntity.status(HttpStatus.CREATED).body(Views.agent(saved));
  }

  @PutMapping(value = "/agents/{name}", consumes = {"application/json", "application/yaml"})
  @Operation(summary = "Create or replace an agent")
  public Map<String, Object> put(@PathVariable String name, @RequestBody String body,
      @RequestHeader(value = "Content-Type", required = false) String contentType, HttpServletRequest req) {
    Agent agent = AgentDocument.readAgent(Bodies.parse(body, contentType), "agent");
    if (!agent.id().value().equals(name)) {
      throw ApiException.badRequest("name: '" + agent.id() + "' does not match the URL's '" + name + "'");
    }
    Agent saved = engine.saveAgent(agent);
    audited(req, "agent:save", saved.id().value());
    return Views.agent(saved);
  }

  @DeleteMapping("/agents/{name}")
  @Operation(summary = "Delete an agent and its schedules (its runs and findings stay)")
  public ResponseEntity<Void> delete(@PathVariable String name, HttpServletRequest req) {
    if (!engine.deleteAgent(id(name))) throw ApiException.notFound("agent '" + name + "'");
    audited(req, "agent:delete", name);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/agents/{name}/pause")
  @Operation(summary = "Pause an agent: nothing wakes it until resumed")
  public Map<String, Object> pause(@PathVariable String name, HttpServletRequest req) {
    return setPaused(name, true, req);
  }

  @PostMapping("/agents/{name}/resume")
  @Operation(summary = "Resume a paused agent (missed schedule instants are not caught up)")
  public Map<String, Object> resume(@PathVariable String name, HttpServletRequest req) {
    return setPaused(name, false, req);
  }

  private Map<String, Object> setPaused(String name, boolean paused, HttpServletRequest req) {
    Agent a = engine.setPaused(id(name), paused).orElseThrow(() -> ApiException.notFound("agent '" + name + "'"));
    audited(req, paused ? "agent:pause" : "agent:resume", name);
    return Views.agent(a);
  }

  @GetMapping("/agents/{name}/plan")
  @Operation(summary = "Everything the agent will do: per task, its trigger, parameters and steps")
  public Map<String, Object> plan(@PathVariable String name) {
    Agent agent = find(name);
    List<Map<String, Object>> tasks = agent.tasks().stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", t.name());
      m.put("kind", t.kind());
      m.put("enabled", t.enabled());
      if (t.trigger() != null) m.put("trigger", AgentDocument.writeTrigger(t.trigger()));
      engine.nextWake(new TaskRef(agent.id(), t.name())).ifPresent(i -> m.put("nextWake", i.toString()));
      m.put("parameters", t.parameters());
      kinds.find(t.kind()).ifPresent(k -> m.put("steps", k.plan(t.parameters()).stream()
          .map(p -> Map.of("name", p.name(), "description", p.description())).toList()));
      return m;
    }).toList();
    return Map.of("agent", agent.id().value(), "paused", agent.paused(), "tasks", tasks);
  }

  @GetMapping("/agents/{name}/workspace")
  @Operation(summary = "The agent's workspace folder and its files (at most 1,000, by path)")
  public Map<String, Object> workspace(@PathVariable String name) {
    Agent agent = find(name);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent", agent.id().value());
    body.put("path", workspaces.root().resolve(agent.id().value()).toString());
    Optional<Path> dir = workspaces.existing(agent.id());
    body.put("created", dir.isPresent());
    List<Map<String, Object>> files = new ArrayList<>();
    if (dir.isPresent()) {
      try (Stream<Path> walk = Files.walk(dir.get())) {
        for (Path f : walk.filter(Files::isRegularFile).sorted().limit(MAX_LISTED_FILES + 1).toList()) {
          if (files.size() == MAX_LISTED_FILES) {
            body.put("truncated", true);
            break;
          }
          files.add(Map.of("path", dir.get().relativize(f).toString(), "bytes", Files.size(f),
              "modified", Files.getLastModifiedTime(f).toInstant().toString()));
        }
      } catch (IOException e) {
        throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot list the workspace " + dir.get() + ": " + e.getMessage());
      }
    }
    body.put("files", files);
    return body;
  }

  @PostMapping("/agents/{name}/tasks/{task}/runs")
  @Operation(summary = "Start a run of a task now")
  public ResponseEntity<Map<String, Object>> startRun(@PathVariable String name, @PathVariable String task,
      HttpServletRequest req) {
    find(name);
    RunId run = engine.startRun(new TaskRef(id(name), task), new WakeReason.Manual(actor(req)));
    audited(req, "run:start", name + "/" + task);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("run", run.value()));
  }

  @GetMapping("/task-kinds")
  @Operation(summary = "The task kinds this server knows, with their parameters")
  public Map<String, Object> taskKinds() {
    return Map.of("kinds", kinds.all().stream().map(AgentsApi::describe).toList());
  }

  static Map<String, Object> describe(TaskKind k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", k.name());
    m.put("description", k.description());
    m.put("parameters", k.parameters().parameters().stream().map(p -> {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("name", p.name());
      pm.put("type", p.type().name().toLowerCase().replace('_', '-'));
      pm.put("required", p.required());
      if (p.defaultValue() != null) pm.put("default", p.defaultValue());
      pm.put("description", p.description());
      return pm;
    }).toList());
    return m;
  }

  private Agent find(String name) {
    return agents.find(id(name)).orElseThrow(() -> ApiException.notFound("agent '" + name + "'"));
  }

  private static AgentId id(String name) {
    try {
      return new AgentId(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("agent '" + name + "'");
    }
  }

  static String actor(HttpServletRequest req) {
    Object a = req.getAttribute(ApiGateFilter.ACTOR);
    return a == null ? "api" : a.toString();
  }

  private void audited(HttpServletRequest req, String op, String target) {
    audit.record(new AuditEntry(clock.instant(), actor(req), "", "vigil", op, target, "ok", Duration.ZERO));
  }
}
