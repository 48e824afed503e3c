package dev.vigil.bench.deploys;

import dev.vigil.analysis.judge.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The bench's figures over judged cases. A deploy counts as caught when the watch said FAIL at any
 * check (live, that is when the team is told); MARGINAL and NOT ENOUGH DATA are counted apart and
 * catch nothing, so they lower recall rather than hide in it.
 */
public record DeployScore(List<Judged> cases) {
  /**
   * One case as the watch judged it.
   *
   * @param decidedAtMinute the minute after the deploy of the check that decided, -1 when none was run
   */
  public record Judged(String id, boolean expectFail, Verdict verdict, long decidedAtMinute) {
    public Judged {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(verdict, "verdict");
    }
  }

  public DeployScore {
    cases = List.copyOf(cases);
  }

  /** Expected failures judged FAIL, over expected failures (NaN when there are none). */
  public double recall() {
    long bad = cases.stream().filter(Judged::expectFail).count();
    return bad == 0 ? Double.NaN
        : (double) cases.stream().filter(c -> c.expectFail() && c.verdict() == Verdict.FAIL).count() / bad;
  }

  /** Expected passes judged FAIL, over expected passes (NaN when there are none). */
  public double falseFailRate() {
    long good = cases.stream().filter(c -> !c.expectFail()).count();
    return good == 0 ? Double.NaN
        : (double) cases.stream().filter(c -> !c.expectFail() && c.verdict() == Verdict.FAIL).count() / good;
  }

  public long count(Verdict v) {
    return cases.stream().filter(c -> c.verdict() == v).count();
  }

  /** The JSON body of {@code target/bench/deploys.json}. */
  public Map<String, Object> json() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("recall", finite(recall()));
    out.put("falseFailRate", finite(falseFailRate()));
    out.put("marginal", count(Verdict.MARGINAL));
    out.put("notEnoughData", count(Verdict.NOT_ENOUGH_DATA));
    out.put("cases", cases.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("expected", c.expectFail() ? "fail" : "pass");
      m.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
      m.put("decidedAtMinute", c.decidedAtMinute());
      return m;
    }).toList());
    return out;
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 10_000) / 10_000.0;
  }
}
