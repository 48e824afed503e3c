package dev.vigil.server.api;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.FindingId;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.port.OutboxStore;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.engine.Engine;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.Bodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs with their steps and posts, and findings with their evidence and status. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "runs and findings")
public class RunsApi {
  private final RunStore runs;
  private final OutboxStore outbox;
  private final FindingStore findings;
  private final Engine engine;
  private final Clock clock;

  public RunsApi(RunStore runs, OutboxStore outbox, FindingStore findings, Engine engine, Clock clock) {
    this.runs = runs;
    this.outbox = outbox;
    this.findings = findings;
    this.engine = engine;
    this.clock = clock;
  }

  @GetMapping("/runs")
  @Operation(summary = "Runs, newest first; filter by agent and status")
  public Map<String, Object> list(@RequestParam(required = false) String agent,
      @RequestParam(required = false) String status, @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) throw ApiException.badRequest("limit must be between 1 and 1000");
    Optional<RunStatus> s = Optional.ofNullable(status).map(t -> parseEnum(RunStatus.class, t, "status"));
    Optional<AgentId> a = Optional.ofNullable(agent).map(AgentId::new);
    return Views.page("runs", runs.list(a, s, limit).stream().map(Views::run).toList());
  }

  @GetMapping("/runs/{id}")
  @Operation(summary = "One run with why it woke, its steps (inputs, outputs, attempts, errors) and its posts")
  public Map<String, Object> get(@PathVariable String id) {
    Run run = runs.find(new RunId(id)).orElseThrow(() -> ApiException.notFound("run '" + id + "'"));
    Map<String, Object> body = new LinkedHashMap<>(Views.run(run));
    body.put("steps", runs.steps(run.id()).stream().map(Views::step).toList());
    body.put("posts", outbox.forRun(run.id()).stream().map(Views::post).toList());
    return body;
  }

  @PostMapping("/runs/{id}/cancel")
  @Operation(summary = "Cancel a live run")
  public Map<String, Object> cancel(@PathVariable String id) {
    return engine.cancelRun(new RunId(id), "cancelled through the API").map(Views::run)
        .orElseThrow(() -> ApiException.notFound("run '" + id + "'"));
  }

  @GetMapping("/findings")
  @Operation(summary = "Findings, newest first; filter by service, severity, status (open, acknowledged, resolved, false-positive) and agent")
  public Map<String, Object> findings(@RequestParam(required = false) String service,
      @RequestParam(required = false) String severity, @RequestParam(required = false) String status,
      @RequestParam(required = false) String agent, @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) throw ApiException.badRequest("limit must be between 1 and 1000");
    FindingStore.Filter filter = new FindingStore.Filter(service,
        severity == null ? null : parseEnum(Severity.class, severity, "severity"),
        status == null ? null : parseEnum(FindingStatus.class, status.replace('-', '_'), "status"),
        agent == null ? null : new AgentId(agent));
    return Views.page("findings", findings.list(filter, limit).stream().map(Views::finding).toList());
  }

  @GetMapping("/findings/{id}")
  @Operation(summary = "One finding with its evidence and next steps")
  public Map<String, Object> finding(@PathVariable String id) {
    return findings.find(new FindingId(id)).map(Views::finding)
        .orElseThrow(() -> ApiException.notFound("finding '" + id + "'"));
  }

  @PostMapping("/findings/{id}/acknowledge")
  @Operation(summary = "Acknowledge a finding (optional body: {\"reason\": \"...\"})")
  public Map<String, Object> acknowledge(@PathVariable String id, @RequestBody(required = false) String body) {
    return setStatus(id, FindingStatus.ACKNOWLEDGED, reason(body, false));
  }

  @PostMapping("/findings/{id}/resolve")
  @Operation(summary = "Resolve a finding (optional body: {\"reason\": \"...\"})")
  public Map<String, Object> resolve(@PathVariable String id, @RequestBody(required = false) String body) {
    return setStatus(id, FindingStatus.RESOLVED, reason(body, false));
  }

  @PostMapping("/findings/{id}/false-positive")
  @Operation(summary = "Mark a finding as a false positive; body {\"reason\": \"...\"} is required and remembered")
  public Map<String, Object> falsePositive(@PathVariable String id, @RequestBody(required = false) String body) {
    return setStatus(id, FindingStatus.FALSE_POSITIVE, reason(body, true));
  }

  private Map<String, Object> setStatus(String id, FindingStatus status, String reason) {
    return findings.setStatus(new FindingId(id), status, reason, clock.instant()).map(Views::finding)
        .orElseThrow(() -> ApiException.notFound("finding '" + id + "'"));
  }

  private static String reason(String body, boolean required) {
    if (body == null || body.isBlank()) {
      if (required) throw ApiException.badRequest("a reason is required: send {\"reason\": \"why this is not a problem\"}");
      return "";
    }
    Map<String, Object> m = Bodies.object(body, "application/json");
    Bodies.onlyFields(m, List.of("reason"));
    Object r = m.get("reason");
    if (r != null && !(r instanceof String)) throw ApiException.badRequest("reason: expected a string");
    if (required && (r == null || ((String) r).isBlank())) {
      throw ApiException.badRequest("reason: required and must not be empty");
    }
    return r == null ? "" : (String) r;
  }

  static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String name) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(name + " '" + text + "' is not known (expected: "
          + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
              .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()) + ")");
    }
  }
}
