package dev.vigil.integrations.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.cluster.Condition;
import dev.vigil.core.cluster.RolloutStatus;
import dev.vigil.core.cluster.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollout judgement on its own, case by case in the order kubectl applies its checks. */
class RolloutStatusTest {
  private static Workload workload(long generation, long observed, int desired, int current, int updated,
      int available, String progressingReason) {
    return new Workload("payments", "checkout", desired, current, updated, available, available, List.of("img"),
        generation, observed, List.of(new Condition("Progressing", "True", progressingReason, "", Optional.empty())),
        Optional.empty());
  }

  @Test
  void old_replicas_still_running_keep_the_rollout_progressing() {
    RolloutStatus status = workload(2, 2, 3, 5, 3, 3, "ReplicaSetUpdated").rolloutStatus();

    assertThat(status.state()).isEqualTo(RolloutStatus.State.PROGRESSING);
    assertThat(status.message()).startsWith("2 old replicas");
  }

  @Test
  void updated_but_unavailable_replicas_keep_the_rollout_progressing() {
    RolloutStatus status = workload(2, 2, 3, 3, 3, 1, "ReplicaSetUpdated").rolloutStatus();

    assertThat(status.state()).isEqualTo(RolloutStatus.State.PROGRESSING);
    assertThat(status.message()).startsWith("1 of 3 updated replicas");
  }

  @Test
  void a_passed_deadline_outranks_the_counts() {
    RolloutStatus status = workload(2, 2, 3, 3, 3, 3, RolloutStatus.DEADLINE_EXCEEDED).rolloutStatus();

    assertThat(status.state()).isEqualTo(RolloutStatus.State.STALLED);
  }

  @Test
  void an_unobserved_spec_says_nothing_about_the_pods_yet() {
    RolloutStatus status = workload(3, 2, 3, 3, 3, 3, RolloutStatus.DEADLINE_EXCEEDED).rolloutStatus();

    assertThat(status.state()).isEqualTo(RolloutStatus.State.PROGRESSING);
  }

  @Test
  void all_replicas_new_and_available_is_complete() {
    assertThat(workload(2, 2, 3, 3, 3, 3, "NewReplicaSetAvailable").rolloutStatus().state())
        .isEqualTo(RolloutStatus.State.COMPLETE);
  }
}
