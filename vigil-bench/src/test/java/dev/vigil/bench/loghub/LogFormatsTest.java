package dev.vigil.bench.loghub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.analysis.logs.LogTemplateMiner;
import dev.vigil.analysis.logs.TemplateMatch;
import org.junit.jupiter.api.Test;

/** The per-format masks on lines written the way each format writes them. */
class LogFormatsTest {
  @Test
  void proxifier_host_port_is_two_variables_and_a_rounded_byte_copy_an_optional_one() {
    LogTemplateMiner m = new LogTemplateMiner(LogFormats.settingsFor("Proxifier"));
    TemplateMatch small = m.add("a.example.com:80 close, 451 bytes sent, 0 bytes received, lifetime <1 sec");
    TemplateMatch large = m.add(
        "b.example.org:443 close, 1190 bytes (1.16 KB) sent, 2048 bytes (2.00 KB) received, lifetime 00:01:02");
    assertThat(large.templateId()).isEqualTo(small.templateId());
    assertThat(large.template()).isEqualTo("<*>:<*> close, <*> bytes sent, <*> bytes received, lifetime <*>");
    TemplateMatch unresolved = m.add("c.example.net:80 error : Could not connect to proxy p.example.edu:5070"
        + " - Could not resolve p.example.edu error 11001");
    assertThat(unresolved.template()).isEqualTo(
        "<*>:<*> error : Could not connect to proxy <*>:<*> - Could not resolve <*> error <*>");
  }

  @Test
  void linux_user_names_after_for_user_are_variables() {
    LogTemplateMiner m = new LogTemplateMiner(LogFormats.settingsFor("Linux"));
    TemplateMatch cyrus = m.add("session opened for user cyrus by (uid=0)");
    TemplateMatch news = m.add("session opened for user news by (uid=13)");
    assertThat(news.templateId()).isEqualTo(cyrus.templateId());
    assertThat(news.template()).isEqualTo("session opened for user <*> by (uid=<*>)");
    // A user written as a key=value field stays: the format uses it to tell events apart.
    assertThat(m.add("authentication failure; rhost=10.0.0.1 user=root").template())
        .isEqualTo("authentication failure; rhost=<*> user=root");
  }
}
