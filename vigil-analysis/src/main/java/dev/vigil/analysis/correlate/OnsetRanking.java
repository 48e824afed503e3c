package dev.vigil.analysis.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Orders services by when their anomaly began, earliest first: in a cascade the first to break is the best
 * first suspect. Onsets closer together than the resolution are treated as simultaneous (scrape intervals
 * and change-point estimates are not more precise than that) and ordered by strength, strongest first.
 */
public final class OnsetRanking {
  private OnsetRanking() {}

  /**
   * Ranks the onsets.
   *
   * @param resolution onsets within this span of the earliest in their group count as simultaneous, ≥ 0
   */
  public static List<ServiceOnset> rank(List<ServiceOnset> onsets, Duration resolution) {
    Objects.requireNonNull(onsets, "onsets");
    if (resolution == null || resolution.isNegative()) {
      throw new IllegalArgumentException("resolution must be >= 0, got " + resolution);
    }
    List<ServiceOnset> byTime = new ArrayList<>(onsets);
    byTime.sort(Comparator.comparing(ServiceOnset::onset).thenComparing(ServiceOnset::service));
    List<ServiceOnset> out = new ArrayList<>(byTime.size());
    int i = 0;
    while (i < byTime.size()) {
      int j = i;
      while (j + 1 < byTime.size()
          && !byTime.get(j + 1).onset().isAfter(byTime.get(i).onset().plus(resolution))) {
        j++;
      }
      List<ServiceOnset> group = new ArrayList<>(byTime.subList(i, j + 1));
      group.sort(Comparator.comparingDouble(ServiceOnset::strength).reversed()
          .thenComparing(ServiceOnset::service));
      out.addAll(group);
      i = j + 1;
    }
    return out;
  }
}
