package dev.vigil.analysis.judge;

import java.util.List;
import java.util.Objects;

/**
 * The verdict over a whole health plan (all metrics of a deploy watch).
 *
 * @param verdict the worst metric verdict: one failing metric fails the plan, a metric without enough data
 *     keeps the plan from passing
 * @param score mean of the judged metrics' scores (pass 100, marginal 50, fail 0); NaN when none was judged
 * @param metrics the per-metric judgements, in input order
 */
public record PlanVerdict(Verdict verdict, double score, List<MetricJudgement> metrics) {
  public PlanVerdict {
    Objects.requireNonNull(verdict, "verdict");
    metrics = List.copyOf(metrics);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("metrics must not be empty");
    }
  }
}
