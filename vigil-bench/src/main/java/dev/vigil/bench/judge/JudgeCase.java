package dev.vigil.bench.judge;

import java.util.Objects;

/**
 * One simulated deploy cut from a NAB series.
 *
 * @param file corpus-relative file name
 * @param cut row index of the deploy: the before-window ends just before it, the after-window starts at it
 * @param lastWeek row index where the same after-window starts one week earlier, or -1 when the file does not
 *     reach that far back
 * @param anomalous true when the cut is at a labelled anomaly (the judge must fail), false when it is far from
 *     every label (the judge must pass)
 */
public record JudgeCase(String file, int cut, int lastWeek, boolean anomalous) {
  public JudgeCase {
    Objects.requireNonNull(file, "file");
    if (cut < 1) {
      throw new IllegalArgumentException(file + ": cut must be >= 1, got " + cut);
    }
    if (lastWeek < -1 || lastWeek >= cut) {
      throw new IllegalArgumentException(file + ": lastWeek must be -1 or before the cut " + cut + ", got "
          + lastWeek);
    }
  }
}
