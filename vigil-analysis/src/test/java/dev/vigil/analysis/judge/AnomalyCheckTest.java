package dev.vigil.analysis.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyCheckTest {
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(5);
  private static final int DAY = 288;

  /** A daily wave between 80 and 120 with a little noise, at five-minute points, from point {@code from}. */
  private static double[] daily(int from, int count, long seed) {
    Random noise = new Random(seed);
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = 100 + 20 * Math.sin(2 * Math.PI * (from + i) / DAY) + noise.nextGaussian();
    }
    return v;
  }

  private static Series points(int from, double[] values, Duration step) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new Sample(START.plus(STEP.multipliedBy(from)).plus(step.multipliedBy(i)), values[i]));
    }
    return Series.of(out);
  }

  /** The week before point {@code cut}, the 48 points before it and {@code after} from it. */
  private record Case(Series history, Series before, Series after) {
    static Case at(int cut, double[] after) {
      double[] all = daily(0, cut, 7);
      double[] before = new double[48];
      System.arraycopy(all, cut - 48, before, 0, 48);
      int from = Math.max(0, cut - 7 * DAY);
      double[] week = new double[cut - from];
      System.arraycopy(all, from, week, 0, week.length);
      return new Case(points(from, week, STEP), points(cut - 48, before, STEP), points(cut, after, STEP));
    }
  }

  // The trough of the wave is at three quarters of a day.
  private static final int TROUGH = 7 * DAY + 3 * DAY / 4;

  @Test
  void aSpikeInsideTheWeeksRangeFailsOnTheScorerAloneAndOnlyInItsBadDirection() {
    double[] after = daily(TROUGH, 12, 11);
    after[5] = 115; // the daily peak's level, but at the trough's hour
    Case c = Case.at(TROUGH, after);
    BeforeAfterJudge judge = new BeforeAfterJudge();

    AnomalyCheck higher = judge.anomaly(c.history(), c.before(), c.after(), Direction.HIGHER_IS_WORSE,
        Tolerance.DEFAULT);
    assertThat(higher.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(higher.highestScore()).isGreaterThanOrEqualTo(JudgeSettings.DEFAULT.anomalyScore());
    assertThat(higher.worstValue()).isEqualTo(115);
    assertThat(higher.worstAt()).isEqualTo(c.after().samples().get(5).timestamp());
    assertThat(higher.seasonPoints()).isEqualTo(DAY);
    assertThat(higher.scoredAfter()).isEqualTo(12);
    assertThat(higher.reason()).contains("115").contains("tolerance");

    AnomalyCheck lower = judge.anomaly(c.history(), c.before(), c.after(), Direction.LOWER_IS_WORSE,
        Tolerance.DEFAULT);
    assertThat(lower.verdict()).isEqualTo(Verdict.PASS);

    MetricJudgement j = judge.judge(MetricWindows.withHistory("cpu", c.before(), c.after(), null,
        Direction.HIGHER_IS_WORSE, Tolerance.DEFAULT, c.history()));
    assertThat(j.vsBefore().verdict()).isNotEqualTo(Verdict.FAIL);
    assertThat(j.vsHistory().verdict()).isEqualTo(Verdict.PASS);
    assertThat(j.vsScorer()).isEqualTo(higher);
    assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(j.reason()).startsWith("the anomaly scorer");
  }

  @Test
  void anAfterWindowThatContinuesTheWavePasses() {
    Case c = Case.at(TROUGH, daily(TROUGH, 12, 11));
    AnomalyCheck check = new BeforeAfterJudge().anomaly(c.history(), c.before(), c.after(), Direction.BOTH,
        Tolerance.DEFAULT);
    assertThat(check.verdict()).isEqualTo(Verdict.PASS);
    assertThat(check.highestScore()).isLessThan(JudgeSettings.DEFAULT.marginalAnomalyScore());
  }

  @Test
  void withOnlyTheHistorysSummaryTheCheckIsNotMade() {
    Case c = Case.at(TROUGH, daily(TROUGH, 12, 11));
    MetricJudgement j = new BeforeAfterJudge().judge(new MetricWindows("cpu", c.before(), c.after(), null,
        Direction.BOTH, Tolerance.DEFAULT, HistoryRange.of(c.history())));
    assertThat(j.vsHistory()).isNotNull();
    assertThat(j.vsScorer()).isNull();
  }

  @Test
  void lessThanADayOfHistoryOrATinyAfterWindowIsNotEnoughData() {
    BeforeAfterJudge judge = new BeforeAfterJudge();
    Case young = Case.at(DAY - 10, daily(DAY - 10, 12, 3));
    AnomalyCheck check = judge.anomaly(young.history(), young.before(), young.after(), Direction.BOTH,
        Tolerance.DEFAULT);
    assertThat(check.verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
    assertThat(check.reason()).contains("278 history values (needs 288");
    assertThat(check.highestScore()).isNaN();

    Case c = Case.at(TROUGH, new double[] {90, 91});
    assertThat(judge.anomaly(c.history(), c.before(), c.after(), Direction.BOTH, Tolerance.DEFAULT).verdict())
        .isEqualTo(Verdict.NOT_ENOUGH_DATA);
  }

  @Test
  void aHistoryThatReachesIntoTheAfterWindowIsNotEnoughDataNotAPass() {
    Case c = Case.at(TROUGH, daily(TROUGH, 12, 11));
    List<Sample> through = new ArrayList<>(c.history().samples());
    through.addAll(c.after().samples().subList(0, 10));
    AnomalyCheck check = new BeforeAfterJudge().anomaly(Series.of(through), c.before(), c.after(), Direction.BOTH,
        Tolerance.DEFAULT);
    assertThat(check.verdict()).isEqualTo(Verdict.NOT_ENOUGH_DATA);
    assertThat(check.scoredAfter()).isEqualTo(2);
    assertThat(check.reason()).contains("only 2 of 12 after values");
  }

  @Test
  void aFinerAfterWindowIsThinnedToTheHistorysStep() {
    double[] oneMinute = new double[60];
    for (int i = 0; i < oneMinute.length; i++) {
      oneMinute[i] = 100 + 20 * Math.sin(2 * Math.PI * (TROUGH + i / 5.0) / DAY);
    }
    Case c = Case.at(TROUGH, daily(TROUGH, 12, 11));
    Series after = points(TROUGH, oneMinute, Duration.ofMinutes(1));
    AnomalyCheck check = new BeforeAfterJudge().anomaly(c.history(), c.before(), after, Direction.BOTH,
        Tolerance.DEFAULT);
    assertThat(check.scoredAfter()).isEqualTo(12);
    assertThat(check.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aGapBetweenHistoryAndAfterIsBridgedByTheBeforeWindow() {
    Case c = Case.at(TROUGH, daily(TROUGH, 12, 11));
    List<Sample> shorter = c.history().samples().subList(0, c.history().size() - 48);
    AnomalyCheck check = new BeforeAfterJudge().anomaly(Series.of(shorter), c.before(), c.after(), Direction.BOTH,
        Tolerance.DEFAULT);
    assertThat(check.verdict()).isEqualTo(Verdict.PASS);
    assertThat(check.historySize()).isEqualTo(shorter.size());
  }
}
