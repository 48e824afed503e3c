package dev.vigil.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.task.PlannedStep;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunTest {
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private static final Instant T2 = T0.plusSeconds(60);
  private static final Instant T3 = T0.plusSeconds(600);
  private static final RunId ID = new RunId("run-1");
  private static final List<PlannedStep> TWO_STEPS =
      List.of(new PlannedStep("probe", "call the endpoint"), new PlannedStep("judge", "compare"));

  private static Run queued(List<PlannedStep> plan) {
    return Run.queued(
        ID,
        new AgentId("payments"),
        "latency",
        "http-check",
        Map.of("url", "https://shop.example"),
        new WakeReason.Manual("alice"),
        plan,
        T0);
  }

  @Test
  void queued_run_starts_at_the_first_step_with_nothing_timed() {
    Run run = queued(TWO_STEPS);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.createdAt()).isEqualTo(T0);
    assertThat(run.nextStep()).isZero();
    assertThat(run.currentStep().name()).isEqualTo("probe");
    assertThat(run.startedAt()).isEmpty();
    assertThat(run.finishedAt()).isEmpty();
    assertThat(run.resumeAt()).isEmpty();
    assertThat(run.error()).isEmpty();
  }

  @Test
  void run_goes_from_queued_through_its_steps_to_succeeded() {
    Run running = queued(TWO_STEPS).running(T1);
    assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(running.startedAt()).contains(T1);

    Run afterFirst = running.stepCompleted(Optional.empty());
    assertThat(afterFirst.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(afterFirst.nextStep()).isEqualTo(1);
    assertThat(afterFirst.currentStep().name()).isEqualTo("judge");
    assertThat(afterFirst.resumeAt()).isEmpty();

    Run afterSecond = afterFirst.stepCompleted(Optional.empty());
    assertThat(afterSecond.hasMoreSteps()).isFalse();

    Run done = afterSecond.succeeded(T2);
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.startedAt()).contains(T1);
    assertThat(done.finishedAt()).contains(T2);
    assertThat(done.error()).isEmpty();
  }

  @Test
  void step_completed_with_a_timer_waits_and_running_again_clears_the_timer_but_keeps_the_start() {
    Run waiting = queued(TWO_STEPS).running(T1).stepCompleted(Optional.of(T3));
    assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
    assertThat(waiting.resumeAt()).contains(T3);
    assertThat(waiting.nextStep()).isEqualTo(1);

    Run resumed = waiting.running(T3);
    assertThat(resumed.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(resumed.resumeAt()).isEmpty();
    assertThat(resumed.startedAt()).contains(T1);
    assertThat(resumed.nextStep()).isEqualTo(1);
  }

  @Test
  void transitions_leave_the_previous_state_unchanged() {
    Run queued = queued(TWO_STEPS);
    queued.running(T1).stepCompleted(Optional.of(T3));
    assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.nextStep()).isZero();
  }

  @Test
  void succeeding_with_steps_left_is_refused() {
    Run running = queued(TWO_STEPS).running(T1).stepCompleted(Optional.empty());
    assertThatIllegalStateException()
        .isThrownBy(() -> running.succeeded(T2))
        .withMessage("run run-1 still has 1 steps");
  }

  @Test
  void completing_a_step_beyond_the_plan_is_refused() {
    Run done = queued(List.of(new PlannedStep("only", ""))).running(T1).stepCompleted(Optional.empty());
    assertThatThrownBy(() -> done.stepCompleted(Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside plan of 1");
    assertThatIllegalStateException()
        .isThrownBy(done::currentStep)
        .withMessage("run run-1 has no step left");
  }

  @Test
  void failed_superseded_and_cancelled_record_the_reason_and_end_time() {
    Run waiting = queued(TWO_STEPS).running(T1).stepCompleted(Optional.of(T3));
    Run failed = waiting.failed(T2, "probe timed out");
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.error()).isEqualTo("probe timed out");
    assertThat(failed.finishedAt()).contains(T2);
    assertThat(failed.resumeAt()).as("a finished run waits for nothing").isEmpty();

    assertThat(waiting.superseded(T2, "newer deploy").status()).isEqualTo(RunStatus.SUPERSEDED);
    assertThat(waiting.cancelled(T2, "by alice").error()).isEqualTo("by alice");
    assertThat(queued(TWO_STEPS).cancelled(T1, "before start").status()).isEqualTo(RunStatus.CANCELLED);
  }

  static Stream<Arguments> terminalRuns() {
    Run running = queued(List.of(new PlannedStep("only", ""))).running(T1);
    return Stream.of(
        Arguments.of(RunStatus.SUCCEEDED, running.stepCompleted(Optional.empty()).succeeded(T2)),
        Arguments.of(RunStatus.FAILED, running.failed(T2, "boom")),
        Arguments.of(RunStatus.SUPERSEDED, running.superseded(T2, "newer")),
        Arguments.of(RunStatus.CANCELLED, running.cancelled(T2, "stop")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("terminalRuns")
  void every_move_out_of_a_terminal_state_is_refused(RunStatus status, Run ended) {
    assertThat(ended.status()).isEqualTo(status);
    assertThat(status.terminal()).isTrue();
    List<UnaryOperator<Run>> moves =
        List.of(
            r -> r.running(T3),
            r -> r.stepCompleted(Optional.empty()),
            r -> r.succeeded(T3),
            r -> r.failed(T3, "x"),
            r -> r.superseded(T3, "x"),
            r -> r.cancelled(T3, "x"));
    for (UnaryOperator<Run> move : moves) {
      assertThatIllegalStateException()
          .isThrownBy(() -> move.apply(ended))
          .withMessageStartingWith("cannot ")
          .withMessageEndingWith("run run-1: it is " + status);
    }
  }

  @Test
  void live_states_are_not_terminal() {
    assertThat(RunStatus.QUEUED.terminal()).isFalse();
    assertThat(RunStatus.RUNNING.terminal()).isFalse();
    assertThat(RunStatus.WAITING.terminal()).isFalse();
  }

  @Test
  void completing_a_step_of_a_run_that_is_not_running_is_refused() {
    assertThatIllegalStateException()
        .isThrownBy(() -> queued(TWO_STEPS).stepCompleted(Optional.empty()));
    Run waiting = queued(TWO_STEPS).running(T1).stepCompleted(Optional.of(T3));
    assertThatIllegalStateException().isThrownBy(() -> waiting.stepCompleted(Optional.empty()));
  }

  @Test
  void parameters_and_plan_are_copied() {
    Map<String, Object> params = new HashMap<>(Map.of("url", "https://shop.example"));
    var plan = new java.util.ArrayList<>(TWO_STEPS);
    Run run =
        Run.queued(ID, new AgentId("payments"), "latency", "http-check", params, new WakeReason.Manual("a"), plan, T0);
    params.put("extra", 1);
    plan.clear();
    assertThat(run.parameters()).containsOnlyKeys("url");
    assertThat(run.plan()).hasSize(2);
  }

  @Test
  void constructor_rejects_a_next_step_outside_the_plan() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Run(ID, new AgentId("payments"), "latency", "http-check", Map.of(),
                    new WakeReason.Manual("a"), TWO_STEPS, RunStatus.RUNNING, T0, Optional.of(T1),
                    Optional.empty(), 3, Optional.empty(), null))
        .withMessage("nextStep 3 outside plan of 2");
  }

  @Test
  void wake_reasons_describe_themselves_in_one_line() {
    assertThat(new WakeReason.Scheduled(T0, 0).describe()).isEqualTo("schedule 2026-05-04T10:00:00Z");
    assertThat(new WakeReason.Scheduled(T0, 3).describe())
        .isEqualTo("schedule 2026-05-04T10:00:00Z (3 missed instants skipped)");
    assertThatIllegalArgumentException().isThrownBy(() -> new WakeReason.Scheduled(T0, -1));
    assertThat(new WakeReason.Manual("alice").describe()).isEqualTo("started by alice");
  }
}
