package dev.vigil.analysis.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogParsingScoreTest {
  @Test
  void a_split_group_loses_its_lines_and_a_wrong_template_loses_parsing_accuracy() {
    List<String> truthGroup = List.of("E1", "E1", "E2", "E2", "E3");
    List<String> truthTemplate = List.of("open <*>", "open <*>", "close <*>", "close <*>", "boot");
    // E1 is found with the right template; E2 is split in two; E3 is right but named differently.
    List<String> parsed = List.of("open <*>", "open <*>", "close a", "close b", "boot <*>");
    LogParsingScore s = LogParsingScore.of(truthGroup, truthTemplate, parsed, parsed);
    assertThat(s.ga()).isCloseTo(3 / 5.0, within(1e-12));
    assertThat(s.pa()).isCloseTo(2 / 5.0, within(1e-12));
    // 2 correct groups of 4 parsed and 3 true: P = 1/2, R = 2/3.
    assertThat(s.fga()).isCloseTo(2 * 0.5 * (2 / 3.0) / (0.5 + 2 / 3.0), within(1e-12));
    // Templates right in 1 correct group: P = 1/4, R = 1/3.
    assertThat(s.fta()).isCloseTo(2 * 0.25 * (1 / 3.0) / (0.25 + 1 / 3.0), within(1e-12));
  }

  @Test
  void lines_without_ground_truth_are_excluded() {
    LogParsingScore s = LogParsingScore.of(List.of("E1", "E1", ""), List.of("a", "a", ""), List.of("x", "x", "y"),
        List.of("a", "a", "y"));
    assertThat(s.lines()).isEqualTo(2);
    assertThat(s.ga()).isEqualTo(1.0);
  }
}
