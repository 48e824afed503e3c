package dev.vigil.bench.nab;

import dev.vigil.analysis.evaluation.NabProfile;
import dev.vigil.analysis.evaluation.NabRun;
import dev.vigil.analysis.evaluation.NabScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores published detector outputs at the published thresholds and sets the result beside the published
 * scores: the evidence that our NAB scorer is NAB's scorer.
 */
public final class NabParity {
  private NabParity() {}

  /**
   * One detector and profile.
   *
   * @param published the normalised score in {@code results/final_results.json}
   * @param ours the normalised score our scorer computes from the raw outputs at {@code threshold}
   */
  public record Row(String detector, String profile, double threshold, double published, double ours) {
    /** True when both agree to two decimals (rounded difference below 0.005). */
    public boolean matches() {
      return Math.abs(published - ours) < 0.005;
    }
  }

  /** Checks the given detectors (all three published profiles each). */
  public static List<Row> check(NabCorpus corpus, List<String> detectors) {
    Map<String, Map<String, Double>> thresholds = corpus.publishedThresholds();
    Map<String, Map<String, Double>> published = corpus.publishedScores();
    List<Row> out = new ArrayList<>();
    for (String detector : detectors) {
      if (!thresholds.containsKey(detector) || !published.containsKey(detector)) {
        throw new IllegalArgumentException("no published threshold or score for detector '" + detector + "'");
      }
      List<NabRun> runs = new ArrayList<>();
      for (NabCorpus.DataFile f : corpus.files()) {
        runs.add(new NabRun(f.labels(), corpus.detectorScores(detector, f)));
      }
      for (NabProfile profile : NabProfile.PUBLISHED) {
        double threshold = thresholds.get(detector).get(profile.name());
        NabScorer.Score s = NabScorer.score(runs, profile, threshold);
        out.add(new Row(detector, profile.name(), threshold, published.get(detector).get(profile.name()),
            s.normalised()));
      }
    }
    return out;
  }

  /** Detectors that have both raw outputs and published results. */
  public static List<String> publishedDetectors(NabCorpus corpus) {
    Map<String, Map<String, Double>> thresholds = corpus.publishedThresholds();
    Map<String, Map<String, Double>> published = corpus.publishedScores();
    return corpus.detectors().stream()
        .filter(d -> thresholds.containsKey(d) && published.containsKey(d))
        .toList();
  }
}
