package dev.vigil.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.vigil.core.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentTest {
  private static final AgentId ID = new AgentId("payments-deploy-watch");

  private static TaskSpec task(String name) {
    return new TaskSpec(name, "http-check", Map.of(), null, true);
  }

  private static Agent agent(List<Grant> grants, List<TaskSpec> tasks) {
    return new Agent(ID, "watch deploys", "team-payments", List.of("#payments"), grants, List.of(), tasks, List.of(), false);
  }

  @Test
  void task_names_used_twice_are_rejected_naming_agent_and_task() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> agent(List.of(), List.of(task("latency"), task("errors"), task("latency"))))
        .withMessage("agent 'payments-deploy-watch': task name 'latency' is used twice");
  }

  @Test
  void distinct_task_names_are_accepted() {
    assertThat(agent(List.of(), List.of(task("latency"), task("errors"))).tasks()).hasSize(2);
  }

  @Test
  void agent_needs_an_id_and_defaults_everything_else_to_empty() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Agent(null, null, null, null, null, null, null, null, false))
        .withMessage("agent name is required");
    Agent bare = new Agent(ID, null, null, null, null, null, null, null, false);
    assertThat(bare.purpose()).isEmpty();
    assertThat(bare.owner()).isEmpty();
    assertThat(bare.channels()).isEmpty();
    assertThat(bare.grants()).isEmpty();
    assertThat(bare.skills()).isEmpty();
    assertThat(bare.tasks()).isEmpty();
    assertThat(bare.memory()).isEmpty();
  }

  @Test
  void lists_are_copied_so_the_agent_cannot_change_behind_its_back() {
    List<TaskSpec> tasks = new ArrayList<>(List.of(task("latency")));
    Agent agent = agent(List.of(), tasks);
    tasks.add(task("latency"));
    assertThat(agent.tasks()).hasSize(1);
  }

  @Test
  void with_paused_and_with_memory_change_only_that() {
    Agent agent = agent(List.of(new Grant("slack-main", "chat:post", null)), List.of(task("latency")));
    Agent paused = agent.withPaused(true);
    assertThat(paused.paused()).isTrue();
    assertThat(paused.withPaused(false)).isEqualTo(agent);
    Agent remembering = agent.withMemory(List.of("deploys on Friday are fine"));
    assertThat(remembering.memory()).containsExactly("deploys on Friday are fine");
    assertThat(remembering.tasks()).isEqualTo(agent.tasks());
  }

  @Test
  void is_allowed_when_any_grant_allows() {
    Agent agent =
        agent(
            List.of(
                new Grant("slack-main", "chat:post", List.of("#payments-deploys")),
                new Grant("prometheus", "metrics:read", null)),
            List.of());
    assertThat(agent.isAllowed("slack-main", "chat:post", "#payments-deploys")).isTrue();
    assertThat(agent.isAllowed("slack-main", "chat:post", "#general")).isFalse();
    assertThat(agent.isAllowed("prometheus", "metrics:read", "anything")).isTrue();
    assertThat(agent.isAllowed("github", "deploy:read", "shop")).isFalse();
  }
}
