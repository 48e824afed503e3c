package dev.vigil.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatchUpPolicyTest {
  @ParameterizedTest
  @CsvSource({"run-once, RUN_ONCE", "RUN_ONCE, RUN_ONCE", "skip, SKIP", " Run-All , RUN_ALL"})
  void policy_is_parsed_from_its_text_in_any_case(String text, CatchUpPolicy expected) {
    assertThat(CatchUpPolicy.parse(text)).isEqualTo(expected);
  }

  @Test
  void absent_policy_is_run_once() {
    assertThat(CatchUpPolicy.parse(null)).isEqualTo(CatchUpPolicy.RUN_ONCE);
    assertThat(CatchUpPolicy.parse(" ")).isEqualTo(CatchUpPolicy.RUN_ONCE);
    assertThat(new Trigger.Schedule(CronExpression.parse("@daily"), ZoneId.of("UTC"), null).catchUp())
        .isEqualTo(CatchUpPolicy.RUN_ONCE);
  }

  @Test
  void unknown_policy_is_rejected_listing_the_known_ones() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CatchUpPolicy.parse("replay"))
        .withMessage("catchUp 'replay' is not known (expected: run-once, skip, run-all)");
  }

  @Test
  void text_reads_back_through_parse() {
    for (CatchUpPolicy policy : CatchUpPolicy.values()) {
      assertThat(CatchUpPolicy.parse(policy.text())).isEqualTo(policy);
    }
  }

  @Test
  void schedule_requires_a_cron_and_a_zone() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Trigger.Schedule(null, ZoneId.of("UTC"), CatchUpPolicy.SKIP))
        .withMessage("schedule.cron is required");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Trigger.Schedule(CronExpression.parse("@daily"), null, CatchUpPolicy.SKIP))
        .withMessage("schedule.zone is required");
  }
}
