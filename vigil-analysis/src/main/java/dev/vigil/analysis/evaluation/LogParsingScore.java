package dev.vigil.analysis.evaluation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Log-parsing accuracy as the Loghub benchmarks define it.
 *
 * <ul>
 *   <li>GA (grouping accuracy): a line is correct when the parsed group holding it contains exactly the lines
 *       of its ground-truth group; GA = correct lines / lines.
 *   <li>PA (parsing accuracy): a line is correct when its parsed template equals its ground-truth template
 *       (compared after collapsing runs of whitespace).
 *   <li>FGA: F1 over groups, a parsed group being correct when its line set equals a ground-truth group's.
 *   <li>FTA: F1 over groups where a correct group must also carry the ground-truth template.
 * </ul>
 * Lines whose ground-truth template is empty are excluded from every measure.
 *
 * @param ga grouping accuracy in [0, 1]
 * @param pa parsing accuracy in [0, 1]
 * @param fga group F1 in [0, 1]
 * @param fta template F1 in [0, 1]
 * @param lines lines evaluated
 */
public record LogParsingScore(double ga, double pa, double fga, double fta, int lines) {
  /**
   * Scores parsed lines against the truth; the four lists are parallel, one entry per line.
   *
   * @param truthGroup ground-truth group key per line (e.g. the EventId)
   * @param truthTemplate ground-truth template per line
   * @param parsedGroup parsed group key per line (e.g. the template id)
   * @param parsedTemplate parsed template per line
   */
  public static LogParsingScore of(List<String> truthGroup, List<String> truthTemplate, List<String> parsedGroup,
      List<String> parsedTemplate) {
    Objects.requireNonNull(truthGroup, "truthGroup");
    int n = truthGroup.size();
    if (truthTemplate.size() != n || parsedGroup.size() != n || parsedTemplate.size() != n) {
      throw new IllegalArgumentException("lists must be parallel: truthGroup=" + n + " truthTemplate="
          + truthTemplate.size() + " parsedGroup=" + parsedGroup.size() + " parsedTemplate=" + parsedTemplate.size());
    }
    Map<String, Set<Integer>> truth = new HashMap<>();
    Map<String, Set<Integer>> parsed = new HashMap<>();
    int lines = 0;
    int paCorrect = 0;
    for (int i = 0; i < n; i++) {
      String tt = truthTemplate.get(i);
      if (tt == null || tt.isBlank()) {
        continue;
      }
      lines++;
      truth.computeIfAbsent(truthGroup.get(i), k -> new HashSet<>()).add(i);
      parsed.computeIfAbsent(parsedGroup.get(i), k -> new HashSet<>()).add(i);
      if (normalise(tt).equals(normalise(parsedTemplate.get(i)))) {
        paCorrect++;
      }
    }
    if (lines == 0) {
      throw new IllegalArgumentException("no line has a ground-truth template");
    }
    Set<Set<Integer>> truthSets = new HashSet<>(truth.values());
    int gaCorrect = 0;
    int groupsCorrect = 0;
    int templatesCorrect = 0;
    for (Set<Integer> group : parsed.values()) {
      if (truthSets.contains(group)) {
        gaCorrect += group.size();
        groupsCorrect++;
        int any = group.iterator().next();
        if (normalise(truthTemplate.get(any)).equals(normalise(parsedTemplate.get(any)))) {
          templatesCorrect++;
        }
      }
    }
    return new LogParsingScore(gaCorrect / (double) lines, paCorrect / (double) lines,
        f1(groupsCorrect, parsed.size(), truth.size()), f1(templatesCorrect, parsed.size(), truth.size()), lines);
  }

  private static double f1(int correct, int parsedGroups, int truthGroups) {
    if (correct == 0) {
      return 0;
    }
    double p = correct / (double) parsedGroups;
    double r = correct / (double) truthGroups;
    return 2 * p * r / (p + r);
  }

  private static String normalise(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ");
  }
}
