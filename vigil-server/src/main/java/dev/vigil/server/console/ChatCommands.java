package dev.vigil.server.console;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.task.TaskRef;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The commands Vigil itself answers in the web chat, without a language model: {@code help} and
 * {@code status} (also written {@code @vigil help}). Anything else is left to the agents whose
 * message triggers match; the conversation issue adds more.
 */
@Component
public class ChatCommands {
  /** The name Vigil's own answers are posted under. */
  public static final String VIGIL = "vigil";
  /** Open findings are counted up to this many; more reads as "1000 or more". */
  private static final int MAX_COUNTED = 1000;
  private final AgentStore agents;
  private final RunStore runs;
  private final FindingStore findings;

  public ChatCommands(AgentStore agents, RunStore runs, FindingStore findings) {
    this.agents = agents;
    this.runs = runs;
    this.findings = findings;
  }

  /** The answer to {@code text}, when it is one of the commands. */
  public Optional<String> answer(String text) {
    String command = text.strip().toLowerCase(Locale.ROOT);
    if (command.startsWith("@" + VIGIL)) command = command.substring(VIGIL.length() + 1).strip();
    return switch (command) {
      case "help", "?" -> Optional.of(help());
      case "status" -> Optional.of(status());
      default -> Optional.empty();
    };
  }

  private String help() {
    List<String> listening = agents.messageTriggerCandidates().stream().map(TaskRef::agent)
        .map(a -> "@" + a.value()).distinct().sorted().toList();
    return "Commands I answer here:\n"
        + "  help    this list\n"
        + "  status  agents, runs and open findings right now\n"
        + (listening.isEmpty() ? "No agent listens to chat messages yet."
            : "Agents that wake on messages (mention them): " + String.join(", ", listening) + ".");
  }

  private String status() {
    long total = agents.count();
    long paused = 0;
    String after = "";
    while (true) {
      List<Agent> page = agents.list(after, 500);
      paused += page.stream().filter(Agent::paused).count();
      if (page.size() < 500) break;
      after = page.get(page.size() - 1).id().value();
    }
    Map<RunStatus, Long> byStatus = runs.countByStatus();
    int open = findings.list(new FindingStore.Filter(null, null, FindingStatus.OPEN, null), MAX_COUNTED).size();
    int critical = findings.list(new FindingStore.Filter(null, Severity.CRITICAL, FindingStatus.OPEN, null), MAX_COUNTED)
        .size();
    return "Agents: " + total + " (" + paused + " paused).\n"
        + "Runs: " + count(byStatus, RunStatus.RUNNING) + " running, " + count(byStatus, RunStatus.WAITING)
        + " waiting on a timer, " + count(byStatus, RunStatus.QUEUED) + " queued; "
        + count(byStatus, RunStatus.FAILED) + " failed and " + count(byStatus, RunStatus.SUCCEEDED) + " succeeded so far.\n"
        + "Open findings: " + counted(open) + " (" + counted(critical) + " critical).";
  }

  private static long count(Map<RunStatus, Long> byStatus, RunStatus status) {
    return byStatus.getOrDefault(status, 0L);
  }

  private static String counted(int n) {
    return n >= MAX_COUNTED ? MAX_COUNTED + " or more" : String.valueOf(n);
  }
}
