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

class ShiftRarityTest {
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(5);
  private static final int DAY = 288;
  private static final int WEEK = 7 * DAY;
  /** The scorer cannot fail a metric at a score above 1: these tests see the level test and the shift rule. */
  private static final JudgeSettings WITHOUT_SCORER = new JudgeSettings(0.05, 3, 0.95, 1.0, 1.0);

  /**
   * Five-minute points around 100 with noise of sd 2. Once a day, at an hour that wanders, an hour-long burst
   * of {@code burst} (a bursty endpoint's traffic); with {@code burst} 0, a single spike of 80 instead, so the
   * week's range is wide but no hour ever moved.
   */
  private static double[] week(double burst, long seed) {
    Random r = new Random(seed);
    double[] v = new double[WEEK];
    for (int i = 0; i < WEEK; i++) {
      v[i] = 100 + 2 * r.nextGaussian();
    }
    for (int d = 0; d < 7; d++) {
      int at = d * DAY + 60 + 31 * d;
      if (burst == 0) {
        v[at] += 80;
      } else {
        for (int i = at; i < at + 12; i++) {
          v[i] += burst;
        }
      }
    }
    return v;
  }

  private static Series points(int from, double[] values) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new Sample(START.plus(STEP.multipliedBy(from + i)), values[i]));
    }
    return Series.of(out);
  }

  private record Case(Series history, Series before, Series after) {
    /** The week as history, its last 48 points as the before-window, twelve points at 100 + {@code jump}. */
    static Case after(double[] week, double jump) {
      double[] before = new double[48];
      System.arraycopy(week, WEEK - 48, before, 0, 48);
      Random r = new Random(5);
      double[] after = new double[12];
      for (int i = 0; i < 12; i++) {
        after[i] = 100 + jump + 2 * r.nextGaussian();
      }
      return new Case(points(0, week), points(WEEK - 48, before), points(WEEK, after));
    }

    MetricWindows windows(Direction direction) {
      return MetricWindows.withHistory("requests", before, after, null, direction, Tolerance.DEFAULT, history);
    }
  }

  @Test
  void anHourAsHighAsTheSeriesDailyBurstsIsMarginalNotAFailure() {
    Case c = Case.after(week(30, 1), 30);
    BeforeAfterJudge judge = new BeforeAfterJudge(WITHOUT_SCORER);

    ShiftRarity shifts = judge.shiftRarity(c.history(), c.before(), c.after(), Direction.HIGHER_IS_WORSE);
    assertThat(shifts.judged()).isTrue();
    assertThat(shifts.beforePoints()).isEqualTo(48);
    assertThat(shifts.afterPoints()).isEqualTo(12);
    assertThat(shifts.positions()).isEqualTo(WEEK - 48 - 12 + 1);
    // Seven bursts, each seen by the few positions whose after-window holds most of it.
    assertThat(shifts.asLarge()).isBetween(7, 7 * 12);
    assertThat(shifts.share()).isGreaterThanOrEqualTo(JudgeSettings.USUAL_SHIFT_SHARE);

    MetricJudgement j = judge.judge(c.windows(Direction.HIGHER_IS_WORSE));
    assertThat(j.vsBefore().verdict()).isEqualTo(Verdict.FAIL);
    assertThat(j.vsHistory().verdict()).isEqualTo(Verdict.PASS);
    assertThat(j.verdict()).isEqualTo(Verdict.MARGINAL);
    assertThat(j.reason()).startsWith("worse than before the change, but the history moved as far")
        .contains("from 48 steps of PT5M to the next 12");
    assertThat(j.vsPastShifts()).isEqualTo(shifts);
  }

  @Test
  void anHourTheSeriesNeverMovedStaysAFailureEvenInsideTheWeeksRange() {
    Case c = Case.after(week(0, 2), 30);
    BeforeAfterJudge judge = new BeforeAfterJudge(WITHOUT_SCORER);
    MetricJudgement j = judge.judge(c.windows(Direction.HIGHER_IS_WORSE));
    assertThat(j.vsHistory().verdict()).isEqualTo(Verdict.PASS); // the daily spikes reach 180
    assertThat(j.vsPastShifts().judged()).isTrue();
    assertThat(j.vsPastShifts().asLarge()).isZero();
    assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void onlyShiftsInTheBadDirectionCount() {
    Case c = Case.after(week(-40, 3), 30);
    BeforeAfterJudge judge = new BeforeAfterJudge(WITHOUT_SCORER);
    assertThat(judge.shiftRarity(c.history(), c.before(), c.after(), Direction.HIGHER_IS_WORSE).share()).isZero();
    // The daily dips moved the median by 40, further than this rise of 30, but down: they count only when both
    // directions are bad. (A dip's end moves the median little: the before-window is mostly before the dip.)
    assertThat(judge.shiftRarity(c.history(), c.before(), c.after(), Direction.BOTH).share())
        .isGreaterThanOrEqualTo(JudgeSettings.USUAL_SHIFT_SHARE);
  }

  @Test
  void lessThanADayOfHistoryIsNotJudgedAndTheFailureStands() {
    double[] bursty = week(30, 4);
    double[] day = new double[DAY - 1];
    System.arraycopy(bursty, WEEK - day.length, day, 0, day.length);
    Case full = Case.after(bursty, 30);
    Series young = points(WEEK - day.length, day);
    BeforeAfterJudge judge = new BeforeAfterJudge(WITHOUT_SCORER);

    ShiftRarity shifts = judge.shiftRarity(young, full.before(), full.after(), Direction.HIGHER_IS_WORSE);
    assertThat(shifts.judged()).isFalse();
    assertThat(shifts.share()).isNaN();
    assertThat(shifts.reason()).contains("287 history values (needs 288");
    MetricJudgement j = judge.judge(MetricWindows.withHistory("requests", full.before(), full.after(), null,
        Direction.HIGHER_IS_WORSE, Tolerance.DEFAULT, young));
    assertThat(j.verdict()).isNotEqualTo(Verdict.MARGINAL);
  }

  @Test
  void windowsAreMeasuredInTheHistorysStepAndTheRuleCanBeTurnedOff() {
    Case c = Case.after(week(30, 6), 30);
    // The same before-window's four hours at one-minute points are still 48 history steps.
    List<Sample> fine = new ArrayList<>();
    for (int i = 0; i < 236; i++) {
      fine.add(new Sample(START.plus(STEP.multipliedBy(WEEK - 48)).plus(Duration.ofMinutes(i)), 100 + i % 3));
    }
    ShiftRarity shifts = new BeforeAfterJudge().shiftRarity(c.history(), Series.of(fine), c.after(),
        Direction.HIGHER_IS_WORSE);
    assertThat(shifts.beforePoints()).isEqualTo(48);

    JudgeSettings off = new JudgeSettings(0.05, 3, 0.95, 1.0, 1.0, 1.0);
    assertThat(new BeforeAfterJudge(off).judge(c.windows(Direction.HIGHER_IS_WORSE)).verdict())
        .isEqualTo(Verdict.FAIL);
  }
}
