package dev.vigil.analysis.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationTest {
  private static final Instant DEPLOY = Instant.parse("2024-06-03T14:00:00Z");

  @Test
  void change_twelve_minutes_after_the_deploy_is_attributed_to_it() {
    DeployAlignment a = DeployAlignment.align(DEPLOY.plusSeconds(720), DEPLOY, Duration.ofMinutes(30),
        Duration.ofMinutes(2));
    assertThat(a.relation()).isEqualTo(DeployAlignment.Relation.AFTER_DEPLOY);
    assertThat(a.lag()).isEqualTo(Duration.ofMinutes(12));
  }

  @Test
  void change_that_began_before_the_deploy_is_not_blamed_on_it_beyond_the_uncertainty() {
    assertThat(DeployAlignment.align(DEPLOY.minusSeconds(600), DEPLOY, Duration.ofMinutes(30),
        Duration.ofMinutes(2)).relation()).isEqualTo(DeployAlignment.Relation.BEFORE_DEPLOY);
    assertThat(DeployAlignment.align(DEPLOY.minusSeconds(60), DEPLOY, Duration.ofMinutes(30),
        Duration.ofMinutes(2)).relation()).isEqualTo(DeployAlignment.Relation.AFTER_DEPLOY);
    assertThat(DeployAlignment.align(DEPLOY.plusSeconds(7200), DEPLOY, Duration.ofMinutes(30),
        Duration.ofMinutes(2)).relation()).isEqualTo(DeployAlignment.Relation.LATER);
  }

  @Test
  void earliest_onset_ranks_first_and_simultaneous_ones_by_strength() {
    List<ServiceOnset> ranked = OnsetRanking.rank(List.of(
        new ServiceOnset("checkout", DEPLOY.plusSeconds(300), 9),
        new ServiceOnset("payments", DEPLOY.plusSeconds(60), 2),
        new ServiceOnset("db", DEPLOY.plusSeconds(90), 20)), Duration.ofMinutes(1));
    assertThat(ranked).extracting(ServiceOnset::service).containsExactly("db", "payments", "checkout");
  }
}
