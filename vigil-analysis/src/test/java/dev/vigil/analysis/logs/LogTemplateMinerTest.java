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
    assertThat(m.template(r.get(2).templateId()).template())
        .isEqualTo("PacketResponder <*> for block blk_<*> terminating");
    // Lines are grouped by shape (a path with a variable is one variable); the text keeps what every line shares.
    LogTemplate receiving = m.template(r.get(0).templateId());
    assertThat(receiving.shape()).isEqualTo("Receiving block <*> src: <*> dest: <*>");
    assertThat(receiving.template()).isEqualTo("Receiving block blk_<*> src: /<*>:<*> dest: /<*>:<*>");
    // A path of several directories holding a number shows as one variable.
    assertThat(m.template(r.get(6).templateId()).template()).isEqualTo("Deleting block blk_<*> file <*>");
    // A user name has no digit: without a mask for it, one differing word of six keeps the lines apart.
    assertThat(r.get(4).templateId()).isNotEqualTo(r.get(5).templateId());
    assertThat(m.templates()).hasSize(5);
  }

  @Test
  void a_format_mask_turns_a_variable_without_digits_into_a_wildcard() {
    LogTemplateMiner m = new LogTemplateMiner(
        MinerSettings.DEFAULT.withExtraMasks(List.of(MaskRule.of("user", "(?<=user )\\S+"))));
    TemplateMatch alice = m.add(LINES.get(4));
    TemplateMatch bob = m.add(LINES.get(5));
    assertThat(bob.templateId()).isEqualTo(alice.templateId());
    assertThat(bob.template()).isEqualTo("Connection reset by peer user <*>");
  }

  @Test
  void variables_are_recognised_by_their_shape() {
    assertThat(VariableShapes.tokens("took 0.25 s at 10.1.2.3:8080, id=blk_-42 ok")).containsExactly("took", "<*>",
        "s", "at", "<*>", "id=<*>", "ok");
    // Lists of variable length collapse; a path with a variable is a variable; punctuation around one goes.
    assertThat(VariableShapes.tokens("delete blk_1 blk_2 blk_3 from /data/sub5/f (#3#) [LNK]")).containsExactly(
        "delete", "<*>", "from", "<*>", "[LNK]");
    assertThat(VariableShapes.tokens("fetch http://example.com/a done")).containsExactly("fetch", "<*>", "done");
    // The readable text masks numbers only, keeps short digit suffixes of names, and absorbs a sign.
    assertThat(VariableShapes.shaped("jk2_init() child 42 uid=-7, at 10.0.0.1:80 0x1f ids 1 2").text()).containsExactly(
        "jk2_init()", "child", "<*>", "uid=<*>,", "at", "<*>:<*> <*>", "ids", "<*> <*>");
    assertThat(VariableShapes.tokens("  ")).isEmpty();
  }

  @Test
  void an_id_shows_its_kind_and_a_hash_or_uuid_is_one_variable() {
    assertThat(VariableShapes.shaped("attempt_1445_0020_m_000000_0 a rdd_2_0 b msra-sa-41 c blk_-42 d ssh2 e eth1")
        .text()).containsExactly("attempt_<*>", "a", "rdd_<*>", "b", "msra-sa-<*>", "c", "blk_<*>", "d", "ssh2", "e",
            "eth1");
    assertThat(VariableShapes.shaped("[instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] VM a489c868f0 at 0673dd71-34c5")
        .text()).containsExactly("[instance:", "<*>]", "VM", "<*>", "at", "<*>");
    // Separators that end the word close the sentence, not the variable.
    assertThat(VariableShapes.shaped("server: msra-sa-41:8030. Already").text())
        .containsExactly("server:", "msra-sa-<*>:<*>.", "Already");
  }

  @Test
  void a_word_of_numbers_shows_each_number_and_an_ipv4_address_as_one() {
    assertThat(VariableShapes.shaped("time: 0.2477 session 30546173_4261722401 on 2016-09-27 from 10.1.2.3,")
        .text()).containsExactly("time:", "<*>.<*>", "session", "<*>_<*>", "on", "<*>-<*>-<*>", "from", "<*>,");
  }

  @Test
  void a_path_or_url_holding_a_number_is_one_variable_in_its_brackets() {
    assertThat(VariableShapes.shaped("at (/var/lib/nova/_base/a4f0c1): split hdfs://10.0.0.1:9000/logs/x.log:1+2")
        .text()).containsExactly("at", "(<*>):", "split", "hdfs://<*>");
    // An address after one slash keeps its shape; a path or URL without a number keeps its text.
    assertThat(VariableShapes.shaped("from /10.0.0.1:50010 see http://wiki.apache.org/hadoop/NoRoute /etc/hosts")
        .text()).containsExactly("from", "/<*>:<*>", "see", "http://wiki.apache.org/hadoop/NoRoute", "/etc/hosts");
  }

  @Test
  void differing_texts_keep_the_punctuation_and_prefix_they_share() {
    assertThat(VariableShapes.generalise("[Thunderbird_A8]", "[Thunderbird_B2]")).isEqualTo("[Thunderbird_<*>]");
    assertThat(VariableShapes.generalise("<*>,", "ntp1,")).isEqualTo("<*>,");
    assertThat(VariableShapes.generalise("(eadmin1)", "(tbird-admin1)")).isEqualTo("(<*>)");
    // A cut never splits a word or a wildcard, and adjacent wildcards are one.
    assertThat(VariableShapes.generalise("Thunder", "Thunderbolt")).isEqualTo("<*>");
    assertThat(VariableShapes.generalise("<*>:x", "<*>:y")).isEqualTo("<*>:<*>");
    assertThat(VariableShapes.generalise("<*>x", "<*>y")).isEqualTo("<*>");
    assertThat(VariableShapes.generalise("<a>", "<*>")).isEqualTo("<*>");
    assertThat(VariableShapes.generalise("msgid=<<*>>,", "msgid=<x>,")).isEqualTo("msgid=<<*>>,");

    LogTemplateMiner m = new LogTemplateMiner(MinerSettings.DEFAULT);
    m.add("synchronized to 10.100.20.250, stratum 3");
    assertThat(m.add("synchronized to ntp1, stratum 2").template()).isEqualTo("synchronized to <*>, stratum <*>");
  }

  @Test
  void a_mask_replacement_shows_several_variables_but_groups_like_one() {
    MaskRule hostPort = MaskRule.of("hostport", "[\\w.-]+:\\d+", "<*>:<*>");
    LogTemplateMiner m = new LogTemplateMiner(MinerSettings.DEFAULT.withExtraMasks(List.of(hostPort)));
    TemplateMatch a = m.add("proxy.example.org:5070 open through proxy socks.example.org:1080 HTTPS");
    TemplateMatch b = m.add("www.example.com:443 open through proxy socks.example.org:1080 HTTPS");
    assertThat(b.templateId()).isEqualTo(a.templateId());
    assertThat(b.template()).isEqualTo("<*>:<*> open through proxy <*>:<*> HTTPS");
    assertThat(m.template(a.templateId()).shape()).isEqualTo("<*> open through proxy <*> HTTPS");
    // The replacement is literal text, and it is part of the settings' fingerprint.
    assertThat(new LogTemplateMiner(MinerSettings.DEFAULT.withExtraMasks(
        List.of(MaskRule.of("money", "\\d+ USD", "<*> $1")))).mask("paid 5 USD")).isEqualTo("paid <*> $1");
    assertThat(MinerSettings.DEFAULT.withExtraMasks(List.of(hostPort)).fingerprint())
        .isNotEqualTo(MinerSettings.DEFAULT.withExtraMasks(List.of(MaskRule.of("hostport", "[\\w.-]+:\\d+")))
            .fingerprint());
  }

  @Test
  void a_mask_replacement_without_a_wildcard_is_refused() {
    assertThatThrownBy(() -> MaskRule.of("host", "\\S+", "HOST"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no <*>");
  }

  @Test
  void first_sight_of_a_template_is_flagged_new_and_repeats_are_not() {
    LogTemplateMiner m = new LogTemplateMiner(new MinerSettings(4, 0.5, 100, List.of()));
    assertThat(m.add("disk full on sda").isNew()).isTrue();
    TemplateMatch again = m.add("disk full on sdb");
    assertThat(again.isNew()).isFalse();
    assertThat(again.generalised()).isTrue();
    assertThat(again.template()).isEqualTo("disk full on <*>");
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
  void a_template_whose_text_holds_a_list_survives_a_restart() {
    LogTemplateMiner m = new LogTemplateMiner(MinerSettings.DEFAULT);
    int id = m.add("ask 10.0.0.1:50010 to delete blk_1 blk_-2 blk_3").templateId();
    m.add("ask 10.0.0.2:50010 to delete blk_4 blk_5 blk_6");
    LogTemplateMiner restored = LogTemplateMiner.restore(m.state(), MinerSettings.DEFAULT);
    assertThat(restored.template(id)).isEqualTo(m.template(id));
    assertThat(restored.template(id).template()).isEqualTo("ask <*>:<*> to delete blk_<*> blk_<*> blk_<*>");
    TemplateMatch again = restored.add("ask 10.0.0.3:50010 to delete blk_5 blk_6");
    assertThat(again.templateId()).isEqualTo(id);
    assertThat(again.isNew()).isFalse();
  }

  @Test
  void state_saved_under_other_settings_is_refused() {
    LogTemplateMiner m = new LogTemplateMiner(MinerSettings.DEFAULT);
    m.add("hello world");
    MinerSettings other = new MinerSettings(5, 0.5, 100, List.of());
    assertThatThrownBy(() -> LogTemplateMiner.restore(m.state(), other)).hasMessageContaining("state line 2");
    assertThatThrownBy(() -> LogTemplateMiner.restore("garbage", MinerSettings.DEFAULT))
        .hasMessageContaining("state line 1");
  }
}
