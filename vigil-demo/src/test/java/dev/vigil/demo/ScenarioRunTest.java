package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.demo.shop.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScenarioRunTest {
  private static final Instant START = Instant.parse("2026-11-25T16:00:00Z");

  @Test
  void a_scenario_is_over_after_its_last_step_the_last_check_of_it_and_a_minute() {
    // bad-deploy: one deploy a minute in, played four times faster; the watch's last check at +6m.
    assertThat(ScenarioRun.end(Scenario.badDeploy(), START, 0.25, Duration.ofMinutes(6)))
        .isEqualTo(START.plusSeconds(15).plus(Duration.ofMinutes(7)));
    // standard: the fix deploy at +20 min is its last step.
    assertThat(ScenarioRun.end(Scenario.standard(), START, 1, Duration.ofMinutes(10)))
        .isEqualTo(START.plus(Duration.ofMinutes(31)));
  }
}
