package dev.vigil.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineBenchOptionsTest {
  @Test
  void defaults_are_the_issues_workload_on_both_databases() {
    EngineBenchOptions o = EngineBenchOptions.parse(new String[0]);
    assertThat(o.agents()).isEqualTo(100_000);
    assertThat(o.rounds()).isEqualTo(3);
    assertThat(o.rates()).containsExactly(200, 1000);
    assertThat(o.parts()).containsExactly("standby", "events", "steps");
    assertThat(o.databases(true)).containsExactly("h2", "postgres");
  }

  @Test
  void options_override_the_defaults() {
    EngineBenchOptions o = EngineBenchOptions.parse(new String[] {"--db", "h2", "--rates", "50, 100", "--rounds", "5",
        "--only", "events,steps", "--runs", "10", "--steps-per-run", "3", "--keep"});
    assertThat(o.databases(false)).containsExactly("h2");
    assertThat(o.rates()).containsExactly(50, 100);
    assertThat(o.rounds()).isEqualTo(5);
    assertThat(o.parts()).containsExactly("events", "steps");
    assertThat(o.runsPerRound()).isEqualTo(10);
    assertThat(o.stepsPerRun()).isEqualTo(3);
    assertThat(o.keep()).isTrue();
  }

  @Test
  void mistakes_are_named() {
    assertThatThrownBy(() -> EngineBenchOptions.parse(new String[] {"--rounds", "0"})).hasMessageContaining("--rounds");
    assertThatThrownBy(() -> EngineBenchOptions.parse(new String[] {"--db", "mysql"})).hasMessageContaining("h2, postgres or both");
    assertThatThrownBy(() -> EngineBenchOptions.parse(new String[] {"--only", "everything"})).hasMessageContaining("--only");
    assertThatThrownBy(() -> EngineBenchOptions.parse(new String[] {"--agents"})).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> EngineBenchOptions.parse(new String[] {"--fast"})).hasMessageContaining("unknown option '--fast'");
    assertThatThrownBy(() -> EngineBenchOptions.parse(new String[0]).databases(false))
        .hasMessageContaining("PostgreSQL is not configured").hasMessageContaining("--db h2");
  }

  @Test
  void percentiles_are_nearest_rank_and_medians_average_the_middle_pair() {
    double[] ms = {5, 1, 4, 2, 3};
    assertThat(EngineBench.percentile(ms, 50)).isEqualTo(3);
    assertThat(EngineBench.percentile(ms, 99)).isEqualTo(5);
    assertThat(EngineBench.percentile(new double[0], 50)).isNaN();
    assertThat(EngineBench.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }
}
