package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check of a whole health plan: each planned service judged on its signals. The deploy's verdict is
 * the worst of the services it is answerable for; a caller or datastore that was itself deployed around
 * the same time is still reported, but its regression is left to that deploy's own watch, so that one bad
 * release does not fail every deploy of the services it calls.
 *
 * @param targets in the plan's order, the deployed service first
 */
public record PlanCheck(List<TargetCheck> targets) {
  public PlanCheck {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a plan check judges at least the deployed service");
    }
  }

  /**
   * One service of the plan, judged.
   *
   * @param memory how remembered false positives changed its signals, one sentence each
   * @param ownDeploy another deploy around this one that explains the service better (its own, or one of a
   *     service it was judged for), as one sentence; its regression is then left to that deploy's watch
   * @param added the names of the signals judged from sets added for what changed (restarts and readiness,
   *     flag evaluations), not from the target's main set
   */
  public record TargetCheck(HealthPlan.Target target, DeployCheck.Result result, List<String> memory,
      Optional<String> ownDeploy, List<String> added) {
    public TargetCheck {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(result, "result");
      memory = List.copyOf(memory);
      Objects.requireNonNull(ownDeploy, "ownDeploy");
      added = List.copyOf(added);
    }

    /** A check of the target's main set only. */
    public TargetCheck(HealthPlan.Target target, DeployCheck.Result result, List<String> memory,
        Optional<String> ownDeploy) {
      this(target, result, memory, ownDeploy, List.of());
    }

    /**
     * Whether the signal came from a set added for what changed and has no data to judge: it is reported, but
     * holds no verdict back. Its metrics may simply not be collected (no kube-state-metrics, no flag hook), and
     * a deploy whose main signals pass should not read NOT ENOUGH DATA for it; when it has data, it counts.
     */
    public boolean addedWithoutData(DeployCheck.SignalResult r) {
      return added.contains(r.signal().name()) && r.judgement().verdict() == Verdict.NOT_ENOUGH_DATA;
    }

    /** Whether its verdict counts for the deploy's: not when another deploy around it explains it. */
    public boolean counted() {
      return target.role() == HealthPlan.Role.DEPLOYED || ownDeploy.isEmpty();
    }

    /**
     * The service's verdict: the judge's for the deployed service (the worst signal's, signals added for what
     * changed left out when they have no data); for the others, from {@link #signalVerdict}.
     */
    public Verdict verdict() {
      if (target.role() == HealthPlan.Role.DEPLOYED) {
        return added.isEmpty() ? result.verdict().verdict() : result.signals().stream()
            .filter(r -> !addedWithoutData(r)).map(r -> r.judgement().verdict()).reduce(Verdict.PASS, Verdict::worse);
      }
      List<Verdict> signals = result.signals().stream().map(this::signalVerdict).toList();
      return signals.contains(Verdict.FAIL) ? Verdict.FAIL : signals.contains(Verdict.MARGINAL) ? Verdict.MARGINAL
          : signals.contains(Verdict.PASS) ? Verdict.PASS : Verdict.NOT_ENOUGH_DATA;
    }

    /**
     * A signal's verdict as it counts. For the deployed service, the judge's. A plan of several services
     * makes several times as many comparisons, and with them several times the chance that one looks worse
     * by chance; so a service the deploy did not ship only regresses on a signal when both of the judge's
     * tests agree: the shift against the window before is beyond the tolerance too, not only a new extreme
     * of the history or of last week. The less severe of the two verdicts counts.
     */
    public Verdict signalVerdict(DeployCheck.SignalResult r) {
      Verdict judged = r.judgement().verdict();
      if (target.role() == HealthPlan.Role.DEPLOYED || judged == Verdict.NOT_ENOUGH_DATA) {
        return judged;
      }
      Verdict shift = r.judgement().vsBefore().verdict();
      return shift == Verdict.NOT_ENOUGH_DATA ? Verdict.PASS : severity(shift) < severity(judged) ? shift : judged;
    }

    private static int severity(Verdict v) {
      return switch (v) {
        case NOT_ENOUGH_DATA, PASS -> 0;
        case MARGINAL -> 1;
        case FAIL -> 2;
      };
    }

    /** Whether it got worse and that counts. */
    public boolean regressed() {
      return counted() && (verdict() == Verdict.FAIL || verdict() == Verdict.MARGINAL);
    }

    public String service() {
      return target.service();
    }
  }

  /** A check of the deployed service alone (a backtest, which knows no changeset). */
  public static PlanCheck single(String service, DeployCheck.Result result) {
    return new PlanCheck(List.of(new TargetCheck(new HealthPlan.Target(service, HealthPlan.Role.DEPLOYED,
        HealthPlan.GOLDEN, "deployed", List.of()), result, List.of(), Optional.empty())));
  }

  public DeployCheck.Result primary() {
    return targets.getFirst().result();
  }

  /**
   * FAIL when a service that counts failed, else MARGINAL when one was marginal, else the deployed service's
   * verdict (PASS, or NOT ENOUGH DATA: the others' passing says nothing of the deployed service).
   */
  public Verdict verdict() {
    if (targets.stream().anyMatch(t -> t.counted() && t.verdict() == Verdict.FAIL)) {
      return Verdict.FAIL;
    }
    if (targets.stream().anyMatch(t -> t.counted() && t.verdict() == Verdict.MARGINAL)) {
      return Verdict.MARGINAL;
    }
    return targets.getFirst().verdict();
  }

  /** The score of the deployed service's signals (0 to 100, NaN when not judged). */
  public double score() {
    return primary().verdict().score();
  }
}
