package dev.vigil.server.console;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingId;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.port.OutboxStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.integration.SecretResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The findings inbox and a finding's page: evidence, charts, next steps, and what people decide about it. */
@Controller
public class FindingPages {
  private static final List<Integer> LIMITS = List.of(50, 200, 1000);
  private final FindingStore findings;
  private final OutboxStore outbox;
  private final AuditLog audit;
  private final EvidenceSeries series;
  private final Clock clock;

  public FindingPages(FindingStore findings, OutboxStore outbox, AuditLog audit, EvidenceSeries series, Clock clock) {
    this.findings = findings;
    this.outbox = outbox;
    this.series = series;
    this.audit = audit;
    this.clock = clock;
  }

  /** A chart a finding's run posted, by its index among the run's posts with charts. */
  public record Chart(int index, String name, String altText) {}

  @GetMapping("/findings")
  public String inbox(@RequestParam(defaultValue = "") String service, @RequestParam(defaultValue = "") String severity,
      @RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "") String agent,
      @RequestParam(defaultValue = "50") int limit, Model model) {
    List<String> problems = new java.util.ArrayList<>();
    Severity sev = parse(Severity.class, severity, "severity", problems);
    FindingStatus st = parse(FindingStatus.class, status, "status", problems);
    AgentId agentId = null;
    if (!agent.isBlank()) {
      try {
        agentId = new AgentId(agent.trim());
      } catch (IllegalArgumentException e) {
        problems.add("agent '" + agent + "' is not an agent name");
      }
    }
    int size = LIMITS.contains(limit) ? limit : 50;
    List<Finding> page = problems.isEmpty()
        ? findings.list(new FindingStore.Filter(service.isBlank() ? null : service.trim(), sev, st, agentId), size)
        : List.of();
    model.addAttribute("findings", page);
    model.addAttribute("problems", problems);
    model.addAttribute("service", service);
    model.addAttribute("severity", severity);
    model.addAttribute("status", status);
    model.addAttribute("agent", agent);
    model.addAttribute("limit", size);
    model.addAttribute("more", page.size() == size && size < 1000 ? LIMITS.get(LIMITS.indexOf(size) + 1) : null);
    model.addAttribute("severities", Arrays.stream(Severity.values()).map(s -> wire(s.name())).toList());
    model.addAttribute("statuses", Arrays.stream(FindingStatus.values()).map(FindingStatus::text).toList());
    return "console/findings";
  }

  @GetMapping("/findings/{id}")
  public String finding(@PathVariable String id, Model model) {
    Finding f = find(id);
    List<OutboxEntry> posts = outbox.forRun(f.run());
    model.addAttribute("finding", f);
    model.addAttribute("charts", charts(posts));
    model.addAttribute("cards", posts.stream().flatMap(p -> p.card().stream()).toList());
    model.addAttribute("seriesFrom", series.source(f).map(i -> i.name()).orElse(null));
    return "console/finding";
  }

  @GetMapping("/findings/{id}/charts/{index}")
  public ResponseEntity<byte[]> chart(@PathVariable String id, @PathVariable int index) {
    Finding f = find(id);
    List<ChatAttachment> attachments = outbox.forRun(f.run()).stream().flatMap(p -> p.attachment().stream()).toList();
    if (index < 0 || index >= attachments.size()) throw LoginController.notFound("chart " + index);
    ChatAttachment a = attachments.get(index);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(a.mediaType()))
        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate()).body(a.content());
  }

  /** The evidence's series for the interactive chart (JSON), or a problem saying why there is none. */
  @GetMapping(value = "/findings/{id}/evidence/{index}/series", produces = "application/json")
  @org.springframework.web.bind.annotation.ResponseBody
  public ResponseEntity<Map<String, Object>> series(@PathVariable String id, @PathVariable int index,
      HttpServletRequest req) {
    Finding f = find(id);
    try {
      return ResponseEntity.ok(series.read(f, index, ConsoleSession.of(req)));
    } catch (IntegrationFailure | IllegalArgumentException | SecretResolver.UnresolvedSecretException e) {
      return ResponseEntity.status(502).body(Map.of("error", e.getMessage()));
    }
  }

  @PostMapping("/findings/{id}/status")
  public String setStatus(@PathVariable String id, @RequestParam String action,
      @RequestParam(defaultValue = "") String reason, HttpServletRequest req, Model model) {
    Finding f = find(id);
    FindingStatus to = switch (action) {
      case "acknowledge" -> FindingStatus.ACKNOWLEDGED;
      case "resolve" -> FindingStatus.RESOLVED;
      case "false-positive" -> FindingStatus.FALSE_POSITIVE;
      case "reopen" -> FindingStatus.OPEN;
      default -> null;
    };
    String why = reason.strip();
    if (to == null || (to == FindingStatus.FALSE_POSITIVE && why.isEmpty())) {
      model.addAttribute("actionError", to == null ? "Unknown action '" + action + "'."
          : "Say why this is a false positive: the agent remembers the reason.");
      model.addAttribute("reason", reason);
      return finding(id, model);
    }
    findings.setStatus(f.id(), to, why, clock.instant());
    audit.record(new AuditEntry(clock.instant(), ConsoleSession.of(req).actor(), "", "vigil", "finding:" + action,
        f.id().value(), "ok", Duration.ZERO));
    return "redirect:/findings/" + f.id().value();
  }

  private static List<Chart> charts(List<OutboxEntry> posts) {
    List<ChatAttachment> attachments = posts.stream().flatMap(p -> p.attachment().stream()).toList();
    return java.util.stream.IntStream.range(0, attachments.size())
        .mapToObj(i -> new Chart(i, attachments.get(i).name(), attachments.get(i).altText())).toList();
  }

  private Finding find(String id) {
    try {
      return findings.find(new FindingId(id)).orElseThrow(() -> LoginController.notFound("finding '" + id + "'"));
    } catch (IllegalArgumentException e) {
      throw LoginController.notFound("finding '" + id + "'");
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String text, String name, List<String> problems) {
    if (text.isBlank() || text.equals("any")) return null;
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      problems.add(name + " '" + text + "' is not known");
      return null;
    }
  }

  static String wire(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
