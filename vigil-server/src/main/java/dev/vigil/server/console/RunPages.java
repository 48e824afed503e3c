package dev.vigil.server.console;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.event.Event;
import dev.vigil.core.port.EventStore;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.WakeReason;
import dev.vigil.server.web.Bodies;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The runs timeline (all agents or one) and a run's page: why it woke, its steps and posts, live while it runs. */
@Controller
public class RunPages {
  private final RunStore runs;
  private final EventStore events;
  private final RunStream stream;

  public RunPages(RunStore runs, EventStore events, RunStream stream) {
    this.runs = runs;
    this.events = events;
    this.stream = stream;
  }

  @GetMapping("/runs")
  public String timeline(@RequestParam(defaultValue = "") String agent, @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "50") int limit, Model model) {
    int size = limit == 20 || limit == 200 || limit == 1000 ? limit : 50;
    Optional<AgentId> agentId = Optional.empty();
    Optional<RunStatus> runStatus = Optional.empty();
    String problem = null;
    try {
      if (!agent.isBlank()) agentId = Optional.of(new AgentId(agent.trim()));
      if (!status.isBlank()) runStatus = Optional.of(RunStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      problem = "Unknown agent or status: " + (agent.isBlank() ? status : agent + " / " + status);
    }
    List<Run> page = problem == null ? runs.list(agentId, runStatus, size) : List.of();
    model.addAttribute("runs", page);
    model.addAttribute("more", page.size() == size && size < 1000 ? (size == 50 ? 200 : 1000) : null);
    model.addAttribute("problem", problem);
    model.addAttribute("agent", agent);
    model.addAttribute("status", status);
    model.addAttribute("statuses", Arrays.stream(RunStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    return "console/runs";
  }

  /** The timeline alone, which the runs and agent pages fetch again every few seconds to stay current. */
  @GetMapping("/runs/timeline")
  public String timelineRows(@RequestParam(defaultValue = "") String agent, @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "50") int limit, Model model) {
    timeline(agent, status, limit, model);
    return "console/fragments :: timeline(runs=${runs})";
  }

  @GetMapping("/runs/{id}")
  public String run(@PathVariable String id, Model model) {
    Run run = find(id);
    model.addAllAttributes(stream.live(run));
    model.addAttribute("wake", wake(run.wake()));
    return "console/run";
  }

  /** Server-sent events: the run's live part, re-rendered whenever it changes, until the run ends. */
  @GetMapping(value = "/runs/{id}/stream", produces = "text/event-stream")
  public SseEmitter stream(@PathVariable String id) {
    return stream.follow(find(id).id());
  }

  /** Why the run woke, with what woke it: the event's payload, the schedule instant, the message. */
  private Map<String, Object> wake(WakeReason wake) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("describe", wake.describe());
    switch (wake) {
      case WakeReason.Scheduled s -> {
        m.put("kind", "schedule");
        m.put("instant", s.scheduledFor());
        m.put("skipped", s.skipped());
      }
      case WakeReason.OnEvent e -> {
        m.put("kind", "event");
        m.put("eventId", e.eventId().value());
        Optional<Event> event = events.find(e.eventId());
        event.ifPresent(ev -> {
          m.put("event", ev);
          m.put("payload", prettyJson(ev.payloadJson()));
        });
      }
      case WakeReason.OnMessage msg -> {
        m.put("kind", "message");
        m.put("channel", msg.channel());
        m.put("author", msg.author());
        m.put("text", msg.text());
      }
      case WakeReason.Manual manual -> {
        m.put("kind", "manual");
        m.put("actor", manual.actor());
      }
    }
    return m;
  }

  private Run find(String id) {
    try {
      return runs.find(new RunId(id)).orElseThrow(() -> LoginController.notFound("run '" + id + "'"));
    } catch (IllegalArgumentException e) {
      throw LoginController.notFound("run '" + id + "'");
    }
  }

  private static String prettyJson(String json) {
    if (json == null || json.isBlank()) return "";
    try {
      return Bodies.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Bodies.JSON.readTree(json));
    } catch (RuntimeException e) {
      return json;
    }
  }
}
