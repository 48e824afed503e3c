package dev.vigil.core.trigger;

/**
 * What a schedule does about the instants it missed while no Vigil node was running.
 *
 * <ul>
 *   <li>{@link #RUN_ONCE} (default): one run now for all missed instants; the run records how many
 *       were skipped.
 *   <li>{@link #SKIP}: no run for missed instants; the next run is the next future instant.
 *   <li>{@link #RUN_ALL}: one run per missed instant, oldest first, at most {@link #MAX_RUN_ALL}.
 * </ul>
 */
public enum CatchUpPolicy {
  RUN_ONCE,
  SKIP,
  RUN_ALL;

  /** Bound on the runs {@link #RUN_ALL} starts at once, so a long outage cannot flood the node. */
  public static final int MAX_RUN_ALL = 100;

  public static CatchUpPolicy parse(String text) {
    if (text == null || text.isBlank()) {
      return RUN_ONCE;
    }
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
      case "run-once" -> RUN_ONCE;
      case "skip" -> SKIP;
      case "run-all" -> RUN_ALL;
      default ->
          throw new IllegalArgumentException(
              "catchUp '" + text + "' is not known (expected: run-once, skip, run-all)");
    };
  }

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
