package dev.vigil.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.message.InboundMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnMessageTriggerTest {
  private static final AgentId OPS = new AgentId("ops");
  private static final List<String> CHANNELS = List.of("#payments", "#ops");

  private static InboundMessage inChannel(String channel, String author, String text, String... mentions) {
    return new InboundMessage("chat", channel, author, text, List.of(mentions), false, "", Instant.EPOCH);
  }

  private static InboundMessage direct(String to, String text) {
    return new InboundMessage("chat", "D123", "alice", text, List.of(to), true, "", Instant.EPOCH);
  }

  @Test
  void without_a_channel_it_listens_in_the_agents_own_channels_only() {
    Trigger.OnMessage any = new Trigger.OnMessage("", false, false);
    assertThat(any.matches(inChannel("#payments", "alice", "checkout is slow"), OPS, CHANNELS)).isTrue();
    assertThat(any.matches(inChannel("#PAYMENTS", "alice", "checkout is slow"), OPS, CHANNELS)).isTrue();
    assertThat(any.matches(inChannel("#random", "alice", "checkout is slow"), OPS, CHANNELS)).isFalse();
  }

  @Test
  void with_a_channel_it_listens_there_even_if_the_agent_does_not_post_there() {
    Trigger.OnMessage there = new Trigger.OnMessage("#incidents", false, false);
    assertThat(there.matches(inChannel("#incidents", "alice", "sev2 declared"), OPS, CHANNELS)).isTrue();
    assertThat(there.matches(inChannel("#payments", "alice", "sev2 declared"), OPS, CHANNELS)).isFalse();
  }

  @Test
  void mention_only_needs_the_agent_named_by_a_mention_or_an_at_name_that_is_not_a_longer_name() {
    Trigger.OnMessage mentioned = new Trigger.OnMessage("", true, false);
    assertThat(mentioned.matches(inChannel("#ops", "alice", "who is on call?"), OPS, CHANNELS)).isFalse();
    assertThat(mentioned.matches(inChannel("#ops", "alice", "@ops who is on call?"), OPS, CHANNELS)).isTrue();
    assertThat(mentioned.matches(inChannel("#ops", "alice", "ping @OPS."), OPS, CHANNELS)).isTrue();
    assertThat(mentioned.matches(inChannel("#ops", "alice", "@ops-bot status"), OPS, CHANNELS)).isFalse();
    assertThat(mentioned.matches(inChannel("#ops", "alice", "<@U1> status", "ops"), OPS, CHANNELS)).isTrue();
  }

  @Test
  void direct_messages_wake_only_a_trigger_that_takes_them_and_only_the_addressed_agent() {
    Trigger.OnMessage dms = new Trigger.OnMessage("", true, true);
    Trigger.OnMessage channelOnly = new Trigger.OnMessage("", false, false);
    assertThat(dms.matches(direct("ops", "status?"), OPS, CHANNELS)).isTrue();
    assertThat(dms.matches(direct("someone-else", "status?"), OPS, CHANNELS)).isFalse();
    assertThat(channelOnly.matches(direct("ops", "status?"), OPS, CHANNELS)).isFalse();
  }

  @Test
  void an_agents_own_message_never_wakes_it() {
    Trigger.OnMessage any = new Trigger.OnMessage("", false, false);
    assertThat(any.matches(inChannel("#ops", "ops", "@ops deploy 42 looks healthy"), OPS, CHANNELS)).isFalse();
  }

  @Test
  void a_message_needs_integration_channel_and_author() {
    assertThatThrownBy(() -> inChannel("", "alice", "hi")).hasMessageContaining("channel");
    assertThatThrownBy(() -> inChannel("#ops", "", "hi")).hasMessageContaining("author");
  }
}
