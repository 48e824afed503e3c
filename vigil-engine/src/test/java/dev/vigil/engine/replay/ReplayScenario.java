package dev.vigil.engine.replay;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.CatchUpPolicy;
import dev.vigil.core.trigger.CronExpression;
import dev.vigil.core.trigger.Trigger;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The agents of the replay fixtures and the state each one's run is left in when the recording
 * stops. Names are fixed: the fixtures refer to them.
 */
final class ReplayScenario {
  /** A heartbeat whose run waits on a durable timer (its delay) when the recording stops. */
  static final AgentId WAITING = new AgentId("replay-waiting");
  /** A heartbeat whose post is checkpointed but not delivered: the chat was down. */
  static final AgentId UNDELIVERED = new AgentId("replay-undelivered");
  /** A weekly schedule, not due: its wake-up row must keep its instant. */
  static final AgentId SCHEDULED = new AgentId("replay-scheduled");
  /** A run an event queued just before the stop, never started. */
  static final AgentId QUEUED = new AgentId("replay-queued");
  static final String TIMER = "10m";

  private ReplayScenario() {}

  static List<Agent> agents() {
    return List.of(
        heartbeat(WAITING, new Trigger.OnEvent("replay", "waiting", Map.of(), List.of()), TIMER),
        heartbeat(UNDELIVERED, new Trigger.OnEvent("replay", "undelivered", Map.of(), List.of()), "0s"),
        heartbeat(SCHEDULED, new Trigger.Schedule(CronExpression.parse("0 9 * * 1"), ZoneId.of("Europe/Berlin"),
            CatchUpPolicy.RUN_ONCE), "0s"),
        heartbeat(QUEUED, new Trigger.OnEvent("replay", "queued", Map.of(), List.of()), "0s"));
  }

  static String channel(AgentId agent) {
    return "#" + agent.value();
  }

  private static Agent heartbeat(AgentId id, Trigger trigger, String delay) {
    TaskSpec task = new TaskSpec("beat", "heartbeat",
        Map.of("channel", channel(id), "message", "{agent} woke: {reason}", "delay", delay), trigger, true);
    return new Agent(id, "replay fixture", "vigil", List.of(channel(id)),
        List.of(new Grant("chat", "chat:post", List.of(channel(id)))), List.of(), List.of(task), List.of(), false);
  }
}
