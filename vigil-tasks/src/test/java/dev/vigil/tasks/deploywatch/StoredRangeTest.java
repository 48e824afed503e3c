package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.metrics.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** When a learned baseline stands for the week a check would read, and when the check reads it itself. */
class StoredRangeTest {
  private static final Instant DEPLOYED = Instant.parse("2026-11-24T14:00:00Z");
  private static final String QUERY = "sum(rate(http_server_requests_total{service=\"checkout\"}[2m]))";
  private static final TimeRange WEEK = new TimeRange(DEPLOYED.minus(WatchWindows.WEEK), DEPLOYED);
  private static final LearnedBaseline.Range RANGE = new LearnedBaseline.Range(10_080, 1, 9, 2, 5, 8);

  private static LearnedBaseline learned(String query, Instant to, Duration history, Duration step,
      Optional<LearnedBaseline.Range> range) {
    List<LearnedBaseline.Hour> hours = new ArrayList<>();
    for (int h = 0; h < LearnedBaseline.HOURS_PER_WEEK; h++) {
      hours.add(new LearnedBaseline.Hour(h, OptionalDouble.of(5), 1, 60, LearnedBaseline.Basis.HOUR_OF_WEEK));
    }
    return new LearnedBaseline(NodeId.service("checkout"), "traffic", query, to.minus(history), to, 10_080, hours, step,
        range);
  }

  private static Optional<LearnedBaseline.Range> stored(LearnedBaseline b) {
    return DeployCheck.storedRange(b, QUERY, WEEK, Duration.ofMinutes(1));
  }

  @Test
  void aBaselineOfTheSameQueryAndStepLearnedShortlyBeforeTheDeployStandsForTheWeek() {
    assertThat(stored(learned(QUERY, DEPLOYED, WatchWindows.WEEK, Duration.ofMinutes(1), Optional.of(RANGE))))
        .contains(RANGE);
    assertThat(stored(learned(QUERY, DEPLOYED.minus(Duration.ofMinutes(89)), WatchWindows.WEEK, Duration.ofMinutes(1),
        Optional.of(RANGE)))).contains(RANGE);
  }

  @Test
  void otherwiseTheCheckReadsTheWeekItself() {
    Duration minute = Duration.ofMinutes(1);
    assertThat(stored(learned(QUERY, DEPLOYED.plusSeconds(1), WatchWindows.WEEK, minute, Optional.of(RANGE))))
        .as("learned after the deploy: it knows the deploy's own samples").isEmpty();
    assertThat(stored(learned(QUERY, DEPLOYED.minus(Duration.ofMinutes(91)), WatchWindows.WEEK, minute,
        Optional.of(RANGE)))).as("too old").isEmpty();
    assertThat(stored(learned(QUERY.replace("[2m]", "[10m]"), DEPLOYED, WatchWindows.WEEK, minute,
        Optional.of(RANGE)))).as("another rate window").isEmpty();
    assertThat(stored(learned(QUERY, DEPLOYED, WatchWindows.WEEK, Duration.ofMinutes(5), Optional.of(RANGE))))
        .as("another step").isEmpty();
    assertThat(stored(learned(QUERY, DEPLOYED, Duration.ofDays(1), minute, Optional.of(RANGE))))
        .as("a day of history for a week").isEmpty();
    assertThat(stored(learned(QUERY, DEPLOYED, WatchWindows.WEEK, minute, Optional.empty())))
        .as("stored before ranges were kept").isEmpty();
  }

  @Test
  void theStoredValuesInsideTheHistoryWindowAreWhatTheJudgeGetsWithoutGapsOrNaN() {
    // Learned 30 minutes before the deploy, from a week and an hour back: one value a minute, two missing.
    Instant from = DEPLOYED.minus(WatchWindows.WEEK).minus(Duration.ofMinutes(90));
    double[] values = new double[7 * 1440 + 61];
    for (int i = 0; i < values.length; i++) {
      values[i] = i == 200 || i == 5000 ? Double.NaN : i;
    }
    LearnedBaseline.Values recent = new LearnedBaseline.Values(from, Duration.ofMinutes(1), values);
    dev.vigil.analysis.Series week = DeployCheck.within(recent, WEEK);
    assertThat(week.samples().getFirst().timestamp()).isEqualTo(WEEK.start());
    assertThat(week.samples().getFirst().value()).isEqualTo(90);
    assertThat(week.samples().getLast().timestamp()).isEqualTo(DEPLOYED.minus(Duration.ofMinutes(30)));
    assertThat(week.size()).as("from the window's start, the two NaN left out").isEqualTo(values.length - 90 - 2);
    assertThat(week.skippedNaN()).isZero();
  }
}
