package dev.vigil.analysis.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTemplateMinerTest {
  private static final List<String> LINES = List.of(
      "Receiving block blk_123 src: /10.0.0.1:5001 dest: /10.0.0.2:50010",
      "Receiving block blk_987 src: /10.0.0.7:5002 dest: /10.0.0.2:50010",
      "PacketResponder 1 for block blk_123 terminating",
      "PacketResponder 2 for block blk_987 terminating",
      "Connection reset by peer user alice",
      "Connection reset by peer user bob",
      "Deleting block blk_555 file /data/current/blk_555");

  @Test
  void variables_are_masked_and_lines_of_one_event_share_a_template() {
    LogTemplateMiner m = new LogTemplateMiner(MinerSettings.DEFAULT);
    List<TemplateMatch> r = new ArrayList<>();
    for (String l : LINES) {
      r.add(m.add(l));
    }
    assertThat(r.get(0).templateId()).isEqualTo(r.get(1).templateId());
    assertThat(r.get(2).templateId()).isEqualTo(r.get(3).templateId());
    assertThat(r.get(4).templateId()).isEqualTo(r.get(5).templateId());
    assertThat(m.template(r.get(2).templateId()).template()).isEqualTo("PacketResponder <*> for block <*> terminating");
    assertThat(m.template(r.get(0).templateId()).template()).contains("src: /<*> dest: /<*>");
    assertThat(m.template(r.get(4).templateId()).template()).isEqualTo("Connection reset by peer user <*>");
    assertThat(m.templates()).hasSize(4);
  }

  @Test
  void first_sight_of_a_template_is_flagged_new_and_repeats_are_not() {
    LogTemplateMiner m = new LogTemplateMiner(MinerSettings.DEFAULT);
    assertThat(m.add("disk full on /dev/sda1").isNew()).isTrue();
    TemplateMatch again = m.add("disk full on /dev/sdb1");
    assertThat(again.isNew()).isFalse();
    assertThat(again.generalised()).isTrue();
  }

  @Test
  void state_restored_after_a_restart_continues_exactly_like_an_uninterrupted_miner() {
    LogTemplateMiner whole = new LogTemplateMiner(MinerSettings.DEFAULT);
    List<Integer> expected = new ArrayList<>();
    for (String l : LINES) {
      expected.add(whole.add(l).templateId());
    }
    LogTemplateMiner first = new LogTemplateMiner(MinerSettings.DEFAULT);
    List<Integer> actual = new ArrayList<>();
    for (String l : LINES.subList(0, 4)) {
      actual.add(first.add(l).templateId());
    }
    LogTemplateMiner restored = LogTemplateMiner.restore(first.state(), MinerSettings.DEFAULT);
    assertThat(restored.add(LINES.get(0)).isNew()).isFalse();
    for (String l : LINES.subList(4, LINES.size())) {
      actual.add(restored.add(l).templateId());
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(restored.templates().stream().map(LogTemplate::template).toList())
        .isEqualTo(whole.templates().stream().map(LogTemplate::template).toList());
  }

  @Test
  void state_saved_under_other_settings_is_refused() {
    LogTemplateMiner m = new LogTemplateMiner(MinerSettings.DEFAULT);
    m.add("hello world");
    MinerSettings other = new MinerSettings(5, 0.5, 100, MinerSettings.COMMON_MASKS);
    assertThatThrownBy(() -> LogTemplateMiner.restore(m.state(), other)).hasMessageContaining("state line 2");
    assertThatThrownBy(() -> LogTemplateMiner.restore("garbage", MinerSettings.DEFAULT))
        .hasMessageContaining("state line 1");
  }
}
