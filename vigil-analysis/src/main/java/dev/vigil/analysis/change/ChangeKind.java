package dev.vigil.analysis.change;

/** The kinds of change {@link ChangeDetector} tells apart. */
public enum ChangeKind {
  /** The level steps from one value to another. */
  LEVEL_SHIFT,
  /** The level starts to move steadily (a leak, a growing queue). */
  DRIFT,
  /** The level stays but the noise grows or shrinks (flapping, saturation). */
  VARIANCE_CHANGE
}
