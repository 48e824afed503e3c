package dev.vigil.analysis.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRangeTest {
  private static Series minutes(double... values) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new Sample(Instant.EPOCH.plusSeconds(60L * i), values[i]));
    }
    return Series.of(out);
  }

  @Test
  void summarisesExtremesAndPercentilesAndCountsNaN() {
    HistoryRange r = HistoryRange.of(minutes(5, 1, Double.NaN, 9, 3, 7, 2, 8, 4, 6, 10));
    assertThat(r.values()).isEqualTo(10);
    assertThat(r.skippedNaN()).isEqualTo(1);
    assertThat(r.low()).isEqualTo(1);
    assertThat(r.high()).isEqualTo(10);
    assertThat(r.median()).isEqualTo(5.5);
    assertThat(r.p10()).isLessThan(r.median());
    assertThat(r.p90()).isGreaterThan(r.median()).isLessThanOrEqualTo(10);
    assertThat(HistoryRange.of(new double[] {10, 6, 4, 8, 2, 7, 3, 9, 1, 5}, 1)).isEqualTo(r);
  }

  @Test
  void anEmptyHistoryHasNoRangeAndTheJudgeSaysSo() {
    HistoryRange empty = HistoryRange.of(minutes());
    assertThat(empty.values()).isZero();
    assertThat(empty.low()).isNaN();
    RangeCheck check = new BeforeAfterJudge().range(empty, minutes(1, 2, 3, 4, 5, 6), Direction.HIGHER_IS_WORSE,
        Tolerance.DEFAULT);
    assertThat(check.verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
  }

  @Test
  void aValueBeyondTheSummarisedWeekByMoreThanTheToleranceFails() {
    double[] week = new double[2_000];
    for (int i = 0; i < week.length; i++) {
      week[i] = 100 + 10 * Math.sin(i / 30.0);
    }
    Series after = minutes(100, 104, 131, 99, 102, 101);
    BeforeAfterJudge judge = new BeforeAfterJudge();
    RangeCheck fromValues = judge.range(HistoryRange.of(minutes(week)), after, Direction.HIGHER_IS_WORSE,
        Tolerance.DEFAULT);
    assertThat(fromValues.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(fromValues.above()).isEqualTo(1);
    assertThat(fromValues.historySize()).isEqualTo(2_000);
  }

  @Test
  void rejectsAnInconsistentSummary() {
    assertThatThrownBy(() -> new HistoryRange(3, 5, 1, 2, 3, 4, 0)).hasMessageContaining("low <= p10");
    assertThatThrownBy(() -> HistoryRange.of(new double[] {1, Double.POSITIVE_INFINITY}, 0))
        .hasMessageContaining("finite");
  }
}
