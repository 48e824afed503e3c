package dev.vigil.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackFindingBlocksTest {
  @Test
  void cutting_keeps_short_text_and_never_splits_an_entity_or_a_surrogate_pair() {
    assertThat(SlackFindingBlocks.cut("p99 412 ms", 10)).isEqualTo("p99 412 ms");
    assertThat(SlackFindingBlocks.cut("abcdefghijk", 10)).isEqualTo("abcdefghi…");
    String escaped = SlackFindingBlocks.escape("abcdef<g");
    assertThat(escaped).isEqualTo("abcdef&lt;g");
    assertThat(SlackFindingBlocks.cut(escaped, 9)).isEqualTo("abcdef…");
    assertThat(SlackFindingBlocks.cut("abcdefgh\uD83D\uDD25xyz", 10)).isEqualTo("abcdefgh…");
  }
}
