package dev.vigil.analysis.change;

import java.time.Instant;
import java.util.Objects;

/** What {@link ChangeDetector} found in a window. */
public sealed interface ChangeResult {
  /**
   * A change.
   *
   * @param kind what changed
   * @param start when it began: the timestamp of the first point after the change point
   * @param startIndex index of that point in the window
   * @param before level (shift, drift) or robust noise level (variance change) before the start
   * @param after level at the end of the window (shift, drift) or noise level after the start (variance)
   * @param evidence the winning model's improvement over "no change", in BIC units (larger is stronger;
   *     above {@link ChangeDetector#DEFAULT_MIN_EVIDENCE} by construction)
   */
  record Change(ChangeKind kind, Instant start, int startIndex, double before, double after, double evidence)
      implements ChangeResult {
    public Change {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(start, "start");
      if (startIndex < 1) {
        throw new IllegalArgumentException("startIndex must be >= 1, got " + startIndex);
      }
    }
  }

  /**
   * No change strong enough to report.
   *
   * @param bestEvidence the strongest candidate's evidence, for tuning and explanations
   */
  record NoChange(double bestEvidence) implements ChangeResult {}

  /**
   * The window is too short to judge.
   *
   * @param reason what is missing
   */
  record NotEnoughData(String reason) implements ChangeResult {
    public NotEnoughData {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
