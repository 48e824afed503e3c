package dev.vigil.analysis.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * A NAB application profile: how much a true positive earns and a false positive or a missed window costs.
 *
 * @param name the profile's name as NAB spells it (e.g. {@code standard})
 * @param truePositiveWeight A_TP, &gt; 0
 * @param falsePositiveWeight A_FP, ≥ 0
 * @param falseNegativeWeight A_FN, ≥ 0
 */
public record NabProfile(String name, double truePositiveWeight, double falsePositiveWeight,
    double falseNegativeWeight) {
  /** The published standard profile. */
  public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
  /** The published profile that punishes false positives twice as hard. */
  public static final NabProfile REWARD_LOW_FP = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
  /** The published profile that punishes missed windows twice as hard. */
  public static final NabProfile REWARD_LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);
  /** The three published profiles in NAB's reporting order. */
  public static final List<NabProfile> PUBLISHED = List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);

  public NabProfile {
    Objects.requireNonNull(name, "name");
    if (!(truePositiveWeight > 0)) {
      throw new IllegalArgumentException("truePositiveWeight must be > 0, got " + truePositiveWeight);
    }
    if (!(falsePositiveWeight >= 0)) {
      throw new IllegalArgumentException("falsePositiveWeight must be >= 0, got " + falsePositiveWeight);
    }
    if (!(falseNegativeWeight >= 0)) {
      throw new IllegalArgumentException("falseNegativeWeight must be >= 0, got " + falseNegativeWeight);
    }
  }
}
