package dev.vigil.bench.judge;

import dev.vigil.analysis.evaluation.NabWindow;
import dev.vigil.bench.nab.NabCorpus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rule that cuts simulated deploys from a labelled corpus, so that nobody picks the windows by hand.
 *
 * <ul>
 *   <li><b>Anomalous cuts</b>, one per labelled window: at the first row at or after the first labelled anomaly
 *       instant inside the window (NAB's {@code combined_labels.json}); without label instants, at the window's centre, which is where NAB
 *       puts the instant when it builds a window. The after-window starts there, so it starts inside the labelled
 *       window, at the onset the labeller marked.
 *   <li><b>Quiet cuts</b>: every {@code before + after} rows from row {@code before} on (so the cases of one file
 *       never share a row), kept only when the span from {@code margin} rows before the before-window to
 *       {@code margin} rows after the after-window touches no labelled window.
 *   <li>A cut whose before- or after-window would run off the file is not made (counted as skipped).
 *   <li>The week-earlier window starts at the first row at or after the cut's time minus seven days; it is used
 *       when that row lies within {@link #WEEK_SLACK} of the target and the whole window ends before the cut.
 * </ul>
 *
 * @param before rows in the before-window, ≥ 2
 * @param after rows in the after-window, ≥ 2
 * @param margin rows a quiet cut keeps away from every labelled window, ≥ 0
 */
public record CaseRule(int before, int after, int margin) {
  /** How far the week-earlier window's first row may be from exactly one week earlier (gaps in the data). */
  public static final Duration WEEK_SLACK = Duration.ofMinutes(30);

  public CaseRule {
    if (before < 2 || after < 2) {
      throw new IllegalArgumentException("before and after must be >= 2 rows, got " + before + " and " + after);
    }
    if (margin < 0) {
      throw new IllegalArgumentException("margin must be >= 0, got " + margin);
    }
  }

  /** The cases of one file plus how many cuts were skipped because a window would run off the file. */
  public record Cut(List<JudgeCase> cases, int skipped) {
    public Cut {
      cases = List.copyOf(cases);
    }
  }

  /**
   * Cuts the cases of one file.
   *
   * @param labelInstants the labelled anomaly instants per file ({@code combined_labels.json}); may be empty
   */
  public Cut cut(NabCorpus.DataFile file, Map<String, List<Instant>> labelInstants) {
    List<JudgeCase> out = new ArrayList<>();
    int skipped = 0;
    int rows = file.values().length;
    List<Instant> instants = labelInstants.getOrDefault(file.name(), List.of());
    for (NabWindow w : file.labels().windows()) {
      int at = onset(file.times(), w, instants);
      if (at - before < 0 || at + after > rows) {
        skipped++;
      } else {
        out.add(new JudgeCase(file.name(), at, weekEarlier(file.times(), at), true));
      }
    }
    for (int at = before; at + after <= rows; at += before + after) {
      if (quiet(file.labels().windows(), at - before - margin, at + after + margin)) {
        out.add(new JudgeCase(file.name(), at, weekEarlier(file.times(), at), false));
      }
    }
    return new Cut(out, skipped);
  }

  private static int onset(Instant[] times, NabWindow w, List<Instant> instants) {
    for (Instant label : instants) {
      // Some labels fall between rows of irregularly sampled files: the onset is the first row at or after it.
      for (int i = w.first(); i <= w.last(); i++) {
        if (!times[i].isBefore(label)) {
          if (i > w.first() || !times[i].isAfter(label)) {
            return i;
          }
          break;
        }
      }
    }
    return (w.first() + w.last()) / 2;
  }

  /** True when rows [from, to) touch no labelled window. */
  private static boolean quiet(List<NabWindow> windows, int from, int to) {
    for (NabWindow w : windows) {
      if (w.first() < to && w.last() >= from) {
        return false;
      }
    }
    return true;
  }

  private int weekEarlier(Instant[] times, int cut) {
    Instant target = times[cut].minus(Duration.ofDays(7));
    if (times[0].isAfter(target)) {
      return -1;
    }
    // NAB's times repeat at daylight-saving changes, so they are only nearly sorted: scan, do not bisect.
    int i = 0;
    while (i < cut && times[i].isBefore(target)) {
      i++;
    }
    boolean close = i < cut && Duration.between(target, times[i]).compareTo(WEEK_SLACK) <= 0;
    return close && i + after <= cut ? i : -1;
  }
}
