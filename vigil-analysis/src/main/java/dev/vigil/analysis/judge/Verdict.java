package dev.vigil.analysis.judge;

/**
 * Outcome of a judgement, ordered from best to worst for aggregation, each with the exit code the
 * {@code vigil judge} command uses.
 */
public enum Verdict {
  PASS(0),
  NOT_ENOUGH_DATA(3),
  MARGINAL(2),
  FAIL(1);

  private final int exitCode;

  Verdict(int exitCode) {
    this.exitCode = exitCode;
  }

  /** Process exit code for CI pipelines: 0 pass, 1 fail, 2 marginal, 3 not enough data. */
  public int exitCode() {
    return exitCode;
  }

  /** The worse of two verdicts: FAIL over MARGINAL over NOT_ENOUGH_DATA over PASS. */
  public Verdict worse(Verdict other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
