package dev.vigil.analysis.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a change's start relates to a deploy.
 *
 * @param lag change start − deploy time (negative: the change began before the deploy)
 * @param relation the reading of that lag
 */
public record DeployAlignment(Duration lag, Relation relation) {
  public DeployAlignment {
    Objects.requireNonNull(lag, "lag");
    Objects.requireNonNull(relation, "relation");
  }

  /** The readings of a lag. */
  public enum Relation {
    /** The change began before the deploy: the deploy did not cause it. */
    BEFORE_DEPLOY,
    /** The change began within the window after the deploy: the deploy may have caused it. */
    AFTER_DEPLOY,
    /** The change began after the window: too late to blame on the deploy without more evidence. */
    LATER
  }

  /**
   * Aligns a change start with a deploy.
   *
   * @param changeStart when the change began (e.g. from {@link dev.vigil.analysis.change.ChangeDetector})
   * @param deployTime when the deploy finished rolling out
   * @param window how long after a deploy a change is still attributed to it, &gt; 0 (a leak may take an
   *     hour to show; an error spike minutes)
   * @param startUncertainty how far the change start may be off; a start up to this much before the deploy
   *     still counts as after it, because change points are estimated from noisy data, ≥ 0
   */
  public static DeployAlignment align(Instant changeStart, Instant deployTime, Duration window,
      Duration startUncertainty) {
    Objects.requireNonNull(changeStart, "changeStart");
    Objects.requireNonNull(deployTime, "deployTime");
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0, got " + window);
    }
    if (startUncertainty == null || startUncertainty.isNegative()) {
      throw new IllegalArgumentException("startUncertainty must be >= 0, got " + startUncertainty);
    }
    Duration lag = Duration.between(deployTime, changeStart);
    Relation r;
    if (lag.plus(startUncertainty).isNegative()) {
      r = Relation.BEFORE_DEPLOY;
    } else if (lag.compareTo(window) <= 0) {
      r = Relation.AFTER_DEPLOY;
    } else {
      r = Relation.LATER;
    }
    return new DeployAlignment(lag, r);
  }
}
