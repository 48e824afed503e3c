package dev.vigil.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.vigil.core.agent.AgentId;
import org.junit.jupiter.api.Test;

class TaskRefTest {
  @Test
  void reference_prints_and_parses_as_agent_slash_task() {
    TaskRef ref = TaskRef.parse("payments/latency");
    assertThat(ref).isEqualTo(new TaskRef(new AgentId("payments"), "latency"));
    assertThat(TaskRef.parse(ref.toString())).isEqualTo(ref);
  }

  @Test
  void reference_without_slash_is_rejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRef.parse("payments"))
        .withMessage("task reference 'payments' must be agent/task");
    assertThatIllegalArgumentException().isThrownBy(() -> TaskRef.parse(null));
  }

  @Test
  void both_parts_must_be_slugs() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRef.parse("payments/Latency"))
        .withMessageStartingWith("task name 'Latency' is not valid");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRef.parse("payments/latency/x"))
        .withMessageStartingWith("task name 'latency/x' is not valid");
  }

  @Test
  void task_spec_name_must_be_a_slug_and_kind_is_required() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TaskSpec("Bad Name", "http-check", null, null, true))
        .withMessageStartingWith("task name 'Bad Name' is not valid");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TaskSpec("latency", "", null, null, true))
        .withMessage("task 'latency' kind must not be empty");
  }
}
