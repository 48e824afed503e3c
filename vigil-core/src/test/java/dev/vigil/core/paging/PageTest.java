package dev.vigil.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageTest {
  @Test
  void a_page_needs_summary_source_and_severity_naming_what_is_missing() {
    assertThatThrownBy(() -> Page.of(" ", "checkout", Page.Severity.ERROR, null)).hasMessageContaining("summary");
    assertThatThrownBy(() -> Page.of("down", "", Page.Severity.ERROR, null)).hasMessageContaining("source");
    assertThatThrownBy(() -> Page.of("down", "checkout", null, null)).hasMessageContaining("severity");
    assertThatThrownBy(() -> Page.of("x".repeat(1025), "checkout", Page.Severity.INFO, null))
        .hasMessageContaining("at most 1024");
    assertThatThrownBy(() -> Page.of("down", "checkout", Page.Severity.INFO, "k".repeat(256)))
        .hasMessageContaining("at most 255");
  }

  @Test
  void a_blank_dedup_key_is_no_key_and_details_are_copied_in_order() {
    Page page = new Page("down", "checkout", Page.Severity.CRITICAL, Optional.of(" "),
        new java.util.HashMap<>(Map.of("b", "2", "a", "1")), null, null);
    assertThat(page.dedupKey()).isEmpty();
    assertThat(page.customDetails().keySet()).containsExactly("a", "b");
    assertThat(page.links()).isEqualTo(List.of());
  }
}
