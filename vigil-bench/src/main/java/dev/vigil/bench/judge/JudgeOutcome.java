package dev.vigil.bench.judge;

/**
 * What the judge said on a set of cases.
 *
 * @param anomalous cases cut at a labelled anomaly
 * @param caught anomalous cases judged FAIL
 * @param anomalousMarginal anomalous cases judged MARGINAL (not counted as caught)
 * @param quiet cases cut far from every label
 * @param falseFailures quiet cases judged FAIL
 * @param quietMarginal quiet cases judged MARGINAL (not counted as false failures)
 * @param notEnoughData cases of either kind judged NOT_ENOUGH_DATA
 */
public record JudgeOutcome(
    int anomalous, int caught, int anomalousMarginal, int quiet, int falseFailures, int quietMarginal,
    int notEnoughData) {
  /** Nothing counted yet. */
  public static final JudgeOutcome EMPTY = new JudgeOutcome(0, 0, 0, 0, 0, 0, 0);

  /** Caught anomalous cases over all anomalous cases; NaN when there are none. */
  public double recall() {
    return anomalous == 0 ? Double.NaN : (double) caught / anomalous;
  }

  /** Failed quiet cases over all quiet cases; NaN when there are none. */
  public double falseFailureRate() {
    return quiet == 0 ? Double.NaN : (double) falseFailures / quiet;
  }

  /** Both outcomes counted together. */
  public JudgeOutcome plus(JudgeOutcome o) {
    return new JudgeOutcome(anomalous + o.anomalous, caught + o.caught, anomalousMarginal + o.anomalousMarginal,
        quiet + o.quiet, falseFailures + o.falseFailures, quietMarginal + o.quietMarginal,
        notEnoughData + o.notEnoughData);
  }
}
