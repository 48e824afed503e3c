package dev.vigil.tasks.deploywatch;

import dev.vigil.core.metrics.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time ranges one check compares, all fixed by the deploy's time and the check's time, so that a
 * check repeated after a restart, or run later as a backtest, reads exactly what it read live.
 *
 * @param before the window just before the deploy
 * @param after from one rate window after the deploy (so no rate mixes old and new samples) to the
 *     check's time
 * @param lastWeek {@code after}, seven days earlier
 * @param history the week before the deploy, for the range check
 */
public record WatchWindows(TimeRange before, TimeRange after, TimeRange lastWeek, TimeRange history) {
  public static final Duration WEEK = Duration.ofDays(7);

  public WatchWindows {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(lastWeek, "lastWeek");
    Objects.requireNonNull(history, "history");
  }

  /**
   * @throws IllegalArgumentException when the check comes before one rate window has passed since the deploy
   */
  public static WatchWindows of(Instant deployedAt, Instant checkAt, Duration beforeLength, Duration rateWindow) {
    Instant afterStart = deployedAt.plus(rateWindow);
    if (!checkAt.isAfter(afterStart)) {
      throw new IllegalArgumentException("a check at " + checkAt + " comes before one rate window (" + rateWindow
          + ") has passed since the deploy at " + deployedAt);
    }
    TimeRange after = new TimeRange(afterStart, checkAt);
    return new WatchWindows(new TimeRange(deployedAt.minus(beforeLength), deployedAt), after,
        new TimeRange(afterStart.minus(WEEK), checkAt.minus(WEEK)), new TimeRange(deployedAt.minus(WEEK), deployedAt));
  }
}
