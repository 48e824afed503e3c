package dev.vigil.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our NAB scorer reproduces the published NAB results from the published raw detector outputs. A subset of
 * detectors keeps this fast; {@code ./vigil bench nab} checks all of them.
 */
class NabParityTest {
  private static NabCorpus corpus;

  @BeforeAll
  static void load() {
    corpus = NabCorpus.load(RequiredBenchData.dir("nab"));
  }

  @Test
  void corpus_has_the_published_58_files_and_116_windows() {
    assertThat(corpus.files()).hasSize(58);
    assertThat(corpus.files().stream().mapToInt(f -> f.labels().windows().size()).sum()).isEqualTo(116);
  }

  @Test
  void numenta_htm_and_artime_scores_match_the_published_results_to_two_decimals() {
    List<NabParity.Row> rows = NabParity.check(corpus, List.of("numenta", "ARTime", "windowedGaussian"));
    assertThat(rows).hasSize(9);
    for (NabParity.Row r : rows) {
      assertThat(r.ours()).as(r.detector() + " " + r.profile()).isCloseTo(r.published(),
          org.assertj.core.api.Assertions.within(0.005));
    }
    assertThat(rows.get(0).ours()).isBetween(70.095, 70.105);
  }
}
