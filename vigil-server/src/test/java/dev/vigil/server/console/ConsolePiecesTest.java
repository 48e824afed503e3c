package dev.vigil.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.trigger.CatchUpPolicy;
import dev.vigil.core.trigger.CronExpression;
import dev.vigil.core.trigger.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's small pure pieces: where a login may send you, an agent's state, how times read. */
class ConsolePiecesTest {
  private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

  @Test
  void after_the_login_only_a_path_on_this_server_is_followed() {
    assertThat(LoginController.localPath("/findings?status=open")).isEqualTo("/findings?status=open");
    assertThat(LoginController.localPath("//evil.example/x")).isEqualTo("/");
    assertThat(LoginController.localPath("/\\evil.example")).isEqualTo("/");
    assertThat(LoginController.localPath("https://evil.example/")).isEqualTo("/");
    assertThat(LoginController.localPath("/x\r\nSet-Cookie: a=b")).isEqualTo("/");
    assertThat(LoginController.localPath("")).isEqualTo("/");
    assertThat(LoginController.localPath(null)).isEqualTo("/");
  }

  @Test
  void an_agent_is_paused_running_failing_or_in_standby_by_its_flag_and_newest_run() {
    Agent agent = new Agent(new AgentId("watcher"), "watches", "team", List.of(), List.of(), List.of(), List.of(),
        List.of(), false);
    Run queued = Run.queued(RunId.random(), agent.id(), "t", "heartbeat", Map.of(), new WakeReason.Manual("me"),
        List.of(), T0);
    assertThat(AgentState.of(agent, Optional.empty())).isEqualTo(AgentState.STANDBY);
    assertThat(AgentState.of(agent, Optional.of(queued))).isEqualTo(AgentState.RUNNING);
    assertThat(AgentState.of(agent, Optional.of(queued.failed(T0, "boom")))).isEqualTo(AgentState.FAILING);
    assertThat(AgentState.of(agent, Optional.of(queued.cancelled(T0, "by hand")))).isEqualTo(AgentState.STANDBY);
    assertThat(AgentState.of(agent.withPaused(true), Optional.of(queued.failed(T0, "boom")))).isEqualTo(AgentState.PAUSED);
  }

  @Test
  void times_read_in_utc_or_the_agents_zone_and_durations_in_the_largest_sensible_unit() {
    ConsoleTimes times = new ConsoleTimes();
    assertThat(times.utc(T0)).isEqualTo("2026-11-25 08:00:00 UTC");
    assertThat(times.in(Optional.of(T0), ZoneId.of("Europe/Berlin"))).isEqualTo("2026-11-25 09:00:00 CET");
    assertThat(times.utc(Optional.empty())).isEmpty();
    assertThat(times.duration(T0, T0.plusMillis(340))).isEqualTo("340 ms");
    assertThat(times.duration(T0, T0.plusMillis(1_250))).isEqualTo("1.3 s");
    assertThat(times.duration(T0, T0.plusSeconds(185))).isEqualTo("3 min 5 s");
    assertThat(times.duration(Optional.of(T0), Optional.empty())).isEmpty();
    Trigger weekdays = new Trigger.Schedule(CronExpression.parse("0 9 * * 1-5"), ZoneId.of("Europe/Berlin"),
        CatchUpPolicy.RUN_ONCE);
    assertThat(times.trigger(weekdays)).isEqualTo("schedule 0 9 * * 1-5 (Europe/Berlin)");
    assertThat(times.trigger(null)).isEqualTo("by hand only");
  }

  @Test
  void a_channel_is_named_with_or_without_its_hash() {
    assertThat(ChatPage.channelName("ops")).isEqualTo("#ops");
    assertThat(ChatPage.channelName(" #ops ")).isEqualTo("#ops");
    assertThat(ChatPage.channelName("")).isEqualTo("#ops");
  }
}
