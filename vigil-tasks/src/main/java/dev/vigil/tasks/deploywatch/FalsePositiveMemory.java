package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Comparison;
import dev.vigil.analysis.judge.Tolerance;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.Finding;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What people told the watch it got wrong. A deploy-watch finding records, for each signal, how far it
 * moved the bad way ({@link #shift}: the Hodges-Lehmann shift of after against before, which the judge
 * holds against the tolerance); when the finding is marked false positive, that shift was judged
 * harmless for that service and signal, so the next watch of the service tolerates a shift up to it: the
 * remembered shift, as a share of the level before the deploy (in the signal's unit when that level was
 * zero), becomes a floor of the signal's tolerance. A larger shift still fails, and a signal nobody complained about is judged
 * as before. Several false positives on one signal: the largest shift counts, since each was harmless.
 */
final class FalsePositiveMemory {
  private static final Pattern SHIFT = Pattern.compile("shift ([0-9.eE+-]+) the bad way \\(([0-9.eE+-]+|NaN)% of before\\)");
  private static final Pattern VERDICT = Pattern.compile(": (FAIL|MARGINAL)$");

  private FalsePositiveMemory() {
  }

  /**
   * A remembered false positive of one signal.
   *
   * @param absolute the shift the bad way, in the signal's unit
   * @param relative the same as a fraction of the level before the deploy (NaN when that was 0)
   */
  record Remembered(String signal, double absolute, double relative, LocalDate markedOn, String reason) {
  }

  /** The text recorded in a finding's evidence: {@code shift 0.212 the bad way (105% of before)}. */
  static String shift(SignalTemplate signal, Comparison vsBefore) {
    // The far end of the Hodges-Lehmann shift's 95% interval, the bad way: the largest shift that deploy is
    // consistent with. Remembering the point estimate alone would fail the same harmless change again about
    // half the time, whenever its next estimate lands a little higher.
    double before = vsBefore.referenceMedian();
    double upper = Double.isNaN(vsBefore.shiftUpper()) ? vsBefore.shift() : vsBefore.shiftUpper();
    double lower = Double.isNaN(vsBefore.shiftLower()) ? vsBefore.shift() : vsBefore.shiftLower();
    double bad = switch (signal.direction()) {
      case HIGHER_IS_WORSE -> upper;
      case LOWER_IS_WORSE -> -lower;
      case BOTH -> Math.max(Math.abs(upper), Math.abs(lower));
    };
    double relative = before == 0 ? Double.NaN : 100 * bad / Math.abs(before);
    return String.format(Locale.ROOT, "shift %.6g the bad way (%.6g%% of before)", bad, relative);
  }

  /**
   * The false positives of {@code service} that apply to {@code signals}: a deploy-watch finding's evidence
   * whose query is the signal's query for the service and which did not pass.
   *
   * @param findings the agent's findings on the service marked false positive
   */
  static Map<String, Remembered> recall(List<Finding> findings, String service, List<SignalTemplate> signals,
      String window) {
    Map<String, Remembered> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (!f.dedupKey().startsWith("deploy-watch:") || !f.service().equals(service)) {
        continue;
      }
      for (Evidence e : f.evidence()) {
        for (SignalTemplate s : signals) {
          if (!s.render(service, window).equals(e.query()) || !VERDICT.matcher(e.observed()).find()) {
            continue;
          }
          Matcher m = SHIFT.matcher(e.observed());
          if (!m.find()) {
            continue;
          }
          double absolute = Double.parseDouble(m.group(1));
          double relative = Double.parseDouble(m.group(2)) / 100;
          Remembered known = out.get(s.name());
          if (absolute > 0 && (known == null || absolute > known.absolute())) {
            out.put(s.name(), new Remembered(s.name(), absolute, relative,
                LocalDate.ofInstant(f.updatedAt(), ZoneOffset.UTC), f.statusReason()));
          }
        }
      }
    }
    return out;
  }

  /** The signal with its tolerance raised to the remembered shift; the same signal when it already tolerates it. */
  static SignalTemplate raise(SignalTemplate signal, Remembered r) {
    Tolerance t = signal.tolerance();
    // A share of the level follows the service's level from one deploy to the next; only a level of zero
    // (errors, before a bad deploy) leaves the shift in the signal's unit as the floor.
    Tolerance raised = Double.isNaN(r.relative())
        ? new Tolerance(Math.max(t.absolute(), round(r.absolute())), t.relative(), t.noise())
        : new Tolerance(t.absolute(), Math.max(t.relative(), round(r.relative())), t.noise());
    return raised.equals(t) ? signal
        : new SignalTemplate(signal.name(), signal.query(), signal.direction(), raised, signal.unit());
  }

  /** The signals of a service with every remembered false positive applied, and one sentence for each. */
  record Applied(List<SignalTemplate> signals, List<String> explanations) {
  }

  static Applied apply(List<SignalTemplate> signals, String service, Map<String, Remembered> remembered) {
    List<SignalTemplate> out = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (SignalTemplate s : signals) {
      Optional<Remembered> r = Optional.ofNullable(remembered.get(s.name()));
      SignalTemplate raised = r.map(x -> raise(s, x)).orElse(s);
      if (r.isPresent()) {
        why.add(s.name() + " on " + service + " was marked false positive on " + r.get().markedOn() + ": '"
            + r.get().reason() + "'; " + (raised == s ? "its tolerance " + describe(s.tolerance()) + " already covers"
                + " the shift then" : "its tolerance is raised from " + describe(s.tolerance()) + " to "
                + describe(raised.tolerance())
                + " (the shift then: " + s.format(r.get().absolute()).replace("n/a", "?") + ")"));
      }
      out.add(raised);
    }
    return new Applied(out, why);
  }

  /** A tolerance in the judge's syntax with at most four digits ({@code 137.9%,3sd}), not a float's noise. */
  static String describe(Tolerance t) {
    List<String> parts = new ArrayList<>();
    if (t.absolute() != 0) {
      parts.add(digits(t.absolute()));
    }
    if (t.relative() != 0 || (t.absolute() == 0 && t.noise() == 0)) {
      parts.add(digits(t.relative() * 100) + "%");
    }
    if (t.noise() != 0) {
      parts.add(digits(t.noise()) + "sd");
    }
    return String.join(",", parts);
  }

  private static String digits(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** Four significant digits, rounded up so that the remembered shift itself stays tolerated. */
  private static double round(double v) {
    return v == 0 ? 0 : new java.math.BigDecimal(v).round(new java.math.MathContext(4, java.math.RoundingMode.UP))
        .doubleValue();
  }
}
