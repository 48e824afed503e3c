package dev.vigil.server.console;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.core.task.TaskRef;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.Trigger;
import dev.vigil.engine.Engine;
import dev.vigil.store.FileWorkspaces;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The agents list and an agent's page: what it is, what it will do, what it did; pause, resume, run now. */
@Controller
public class AgentPages {
  static final int PAGE = 50;
  private static final int MAX_FILES = 200;
  private final AgentStore agents;
  private final RunStore runs;
  private final Engine engine;
  private final TaskKindRegistry kinds;
  private final FileWorkspaces workspaces;
  private final AuditLog audit;
  private final Clock clock;

  public AgentPages(AgentStore agents, RunStore runs, Engine engine, TaskKindRegistry kinds, FileWorkspaces workspaces,
      AuditLog audit, Clock clock) {
    this.agents = agents;
    this.runs = runs;
    this.engine = engine;
    this.kinds = kinds;
    this.workspaces = workspaces;
    this.audit = audit;
    this.clock = clock;
  }

  /** A line of the agents list. */
  public record AgentRow(Agent agent, String state, Optional<Run> lastRun, Optional<Instant> nextWake) {}

  /** A task with its trigger and the next time its schedule wakes it. */
  public record TaskRow(TaskSpec task, Optional<Instant> nextWake) {}

  /** A file of the agent's workspace. */
  public record WorkspaceFile(String path, long bytes, Instant modified) {}

  @GetMapping("/")
  public String agents(@RequestParam(defaultValue = "") String after, Model model) {
    List<Agent> page = agents.list(after, PAGE);
    // Two reads for the whole page (newest runs, next wake-ups), not two per agent.
    Map<AgentId, Run> latest = runs.latest(page.stream().map(Agent::id).toList());
    Map<TaskRef, Instant> wakes = engine.nextWakes(page.stream().filter(a -> !a.paused())
        .flatMap(a -> a.tasks().stream().filter(AgentPages::scheduled).map(t -> new TaskRef(a.id(), t.name())))
        .toList());
    model.addAttribute("rows", page.stream().map(a -> row(a, Optional.ofNullable(latest.get(a.id())), wakes)).toList());
    model.addAttribute("total", agents.count());
    model.addAttribute("after", after);
    model.addAttribute("next", page.size() == PAGE ? page.get(page.size() - 1).id().value() : null);
    return "console/agents";
  }

  @GetMapping("/agents/{name}")
  public String agent(@PathVariable String name, Model model) {
    Agent agent = find(name);
    Optional<Run> latest = runs.list(Optional.of(agent.id()), Optional.empty(), 1).stream().findFirst();
    model.addAttribute("agent", agent);
    model.addAttribute("state", AgentState.of(agent, latest).text());
    model.addAttribute("tasks", agent.tasks().stream()
        .map(t -> new TaskRow(t, scheduled(t) ? engine.nextWake(new TaskRef(agent.id(), t.name())) : Optional.empty()))
        .toList());
    model.addAttribute("runs", runs.list(Optional.of(agent.id()), Optional.empty(), 20));
    model.addAttribute("files", files(agent.id()));
    model.addAttribute("workspace", workspaces.root().resolve(agent.id().value()).toString());
    return "console/agent";
  }

  /** The full plan, on request: each task's trigger, parameters and the steps its kind will run. */
  @GetMapping("/agents/{name}/plan")
  public String plan(@PathVariable String name, Model model) {
    Agent agent = find(name);
    model.addAttribute("agent", agent);
    model.addAttribute("plans", agent.tasks().stream().map(t -> Map.of(
        "task", t,
        "steps", kinds.find(t.kind()).map(k -> k.plan(t.parameters())).orElse(List.of()),
        "known", kinds.find(t.kind()).isPresent())).toList());
    return "console/fragments :: plan";
  }

  @PostMapping("/agents/{name}/pause")
  public String pause(@PathVariable String name, HttpServletRequest req) {
    return setPaused(name, true, req);
  }

  @PostMapping("/agents/{name}/resume")
  public String resume(@PathVariable String name, HttpServletRequest req) {
    return setPaused(name, false, req);
  }

  @PostMapping("/agents/{name}/tasks/{task}/run")
  public String runNow(@PathVariable String name, @PathVariable String task, HttpServletRequest req) {
    Agent agent = find(name);
    if (agent.tasks().stream().noneMatch(t -> t.name().equals(task))) throw LoginController.notFound("task '" + task + "'");
    ConsoleSession session = ConsoleSession.of(req);
    RunId run = engine.startRun(new TaskRef(agent.id(), task), new WakeReason.Manual(session.actor()));
    audited(session, "run:start", name + "/" + task);
    return "redirect:/runs/" + run.value();
  }

  private String setPaused(String name, boolean paused, HttpServletRequest req) {
    Agent agent = find(name);
    engine.setPaused(agent.id(), paused);
    audited(ConsoleSession.of(req), paused ? "agent:pause" : "agent:resume", name);
    return "redirect:/agents/" + name;
  }

  private static AgentRow row(Agent agent, Optional<Run> latest, Map<TaskRef, Instant> wakes) {
    Optional<Instant> next = agent.tasks().stream()
        .map(t -> wakes.get(new TaskRef(agent.id(), t.name())))
        .filter(java.util.Objects::nonNull)
        .min(Comparator.naturalOrder());
    return new AgentRow(agent, AgentState.of(agent, latest).text(), latest, next);
  }

  private static boolean scheduled(TaskSpec t) {
    return t.enabled() && t.trigger() instanceof Trigger.Schedule;
  }

  private List<WorkspaceFile> files(AgentId agent) {
    Optional<Path> dir = workspaces.existing(agent);
    if (dir.isEmpty()) return List.of();
    try (Stream<Path> walk = Files.walk(dir.get())) {
      return walk.filter(Files::isRegularFile).sorted().limit(MAX_FILES).map(f -> {
        try {
          return new WorkspaceFile(dir.get().relativize(f).toString(), Files.size(f),
              Files.getLastModifiedTime(f).toInstant());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException | UncheckedIOException e) {
      // The page still shows the agent; the listing says what went wrong.
      return List.of(new WorkspaceFile("(cannot list " + dir.get() + ": " + e.getMessage() + ")", 0, clock.instant()));
    }
  }

  private Agent find(String name) {
    try {
      return agents.find(new AgentId(name)).orElseThrow(() -> LoginController.notFound("agent '" + name + "'"));
    } catch (IllegalArgumentException e) {
      throw LoginController.notFound("agent '" + name + "'");
    }
  }

  private void audited(ConsoleSession session, String op, String target) {
    audit.record(new AuditEntry(clock.instant(), session.actor(), "", "vigil", op, target, "ok", Duration.ZERO));
  }
}
