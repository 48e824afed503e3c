package dev.vigil.bench.engine;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.agent.Grant;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.CatchUpPolicy;
import dev.vigil.core.trigger.CronExpression;
import dev.vigil.core.trigger.Trigger;
import dev.vigil.engine.Engine;
import dev.vigil.store.Database;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Agents in standby: each has a weekly schedule spread over minutes, hours, days and a few time
 * zones, as a real fleet's would be, so each is an agent row, a task row and a scheduled wake-up
 * row. With 100,000 of them about ten wake per minute, which is the background a fleet that size
 * really has.
 */
final class StandbyAgents {
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
      ZoneId.of("America/New_York"), ZoneId.of("Australia/Sydney"), ZoneId.of("Asia/Kolkata"));
  private static final int BATCH = 1_000;

  private StandbyAgents() {}

  static Agent agent(int i) {
    String cron = (i % 60) + " " + (i / 60 % 24) + " * * " + (i % 7);
    TaskSpec report = new TaskSpec("weekly-report", "heartbeat",
        Map.of("channel", "#standby", "message", "weekly report of {agent}"),
        new Trigger.Schedule(CronExpression.parse(cron), ZONES.get(i % ZONES.size()), CatchUpPolicy.SKIP), true);
    return new Agent(new AgentId(String.format("standby-%06d", i)), "weekly report, benchmark fleet", "bench",
        List.of("#standby"), List.of(new Grant("chat", "chat:post", List.of("#standby"))), List.of(), List.of(report),
        List.of(), false);
  }

  /** Saves {@code count} agents through the engine (validated, schedules planned) in batches. */
  static void seed(Database db, java.nio.file.Path workspaces, int count, IntConsumer progress) {
    Engine engine = InProcessEngine.on(db, workspaces, List.of());
    List<Agent> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < count; i++) {
      batch.add(agent(i));
      if (batch.size() == BATCH || i == count - 1) {
        engine.saveAgents(batch);
        batch.clear();
        progress.accept(i + 1);
      }
    }
  }
}
