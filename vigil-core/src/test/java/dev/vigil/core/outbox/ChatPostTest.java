package dev.vigil.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.finding.Severity;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatPostTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static byte[] png(int extra) {
    byte[] bytes = new byte[PNG_SIGNATURE.length + extra];
    System.arraycopy(PNG_SIGNATURE, 0, bytes, 0, PNG_SIGNATURE.length);
    return bytes;
  }

  @Test
  void a_card_post_with_a_chart_in_a_thread_keeps_what_it_was_given() {
    FindingCard card = FindingCard.of("checkout p99 up", Severity.CRITICAL, "after deploy 4f2a")
        .withEvidence("p99", "412 ms", "180 ms").withLink(URI.create("https://vigil.example/f/1"))
        .withNextStep("roll back").withOwner("@payments");
    ChatAttachment chart = new ChatAttachment("p99.png", "p99 over an hour", png(10));

    ChatPost post = ChatPost.card("#payments", "checkout p99 up", card).withAttachment(chart).inThread("deploy:4f2a");

    assertThat(post.card()).contains(card);
    assertThat(post.attachments()).containsExactly(chart);
    assertThat(post.thread()).contains("deploy:4f2a");
    assertThat(card.evidence()).containsExactly(new FindingCard.Line("p99", "412 ms", "180 ms"));
  }

  @Test
  void a_post_needs_a_channel_and_text_or_a_card() {
    assertThatThrownBy(() -> ChatPost.text(" ", "hi")).hasMessageContaining("channel");
    assertThatThrownBy(() -> ChatPost.text("#ops", "  ")).hasMessageContaining("needs text or a card");
    assertThat(ChatPost.card("#ops", "", FindingCard.of("t", Severity.INFO, "")).text()).isEmpty();
  }

  @Test
  void thread_keys_and_attachment_counts_are_bounded() {
    assertThatThrownBy(() -> ChatPost.text("#ops", "x").inThread("k".repeat(201))).hasMessageContaining("1 to 200");
    assertThatThrownBy(() -> ChatPost.text("#ops", "x").inThread(""));
    ChatAttachment chart = new ChatAttachment("c.png", "", png(1));
    assertThatThrownBy(() -> new ChatPost("#ops", "x", Optional.empty(), java.util.Collections.nCopies(11, chart),
        Optional.empty())).hasMessageContaining("at most 10 attachments");
  }

  @Test
  void an_attachment_must_be_a_png_of_bounded_size_with_a_plain_name_and_its_bytes_are_copied() {
    assertThatThrownBy(() -> new ChatAttachment("c.png", "", "GIF89a-not-a-png".getBytes()))
        .hasMessageContaining("not a PNG");
    assertThatThrownBy(() -> new ChatAttachment("c.png", "", png(ChatAttachment.MAX_BYTES)))
        .hasMessageContaining("at most " + ChatAttachment.MAX_BYTES);
    assertThatThrownBy(() -> new ChatAttachment("../etc/c.png", "", png(1))).hasMessageContaining("plain file name");

    byte[] bytes = png(4);
    ChatAttachment chart = new ChatAttachment("c.png", null, bytes);
    bytes[9] = 42;
    chart.content()[10] = 42;
    assertThat(chart.content()).isEqualTo(png(4));
    assertThat(chart).isEqualTo(new ChatAttachment("c.png", "", png(4)));
    assertThat(chart.toString()).doesNotContain("[B@").contains("bytes=12");
  }

  @Test
  void a_card_link_must_be_http_and_blank_optional_fields_are_absent() {
    assertThatThrownBy(() -> FindingCard.of("t", Severity.INFO, "").withLink(URI.create("javascript:alert(1)")))
        .hasMessageContaining("not an http or https URL");
    FindingCard card = new FindingCard("t", Severity.WARNING, null, null, null, Optional.of(" "), Optional.of(""));
    assertThat(card.summary()).isEmpty();
    assertThat(card.evidence()).isEqualTo(List.of());
    assertThat(card.nextStep()).isEmpty();
    assertThat(card.owner()).isEmpty();
    assertThatThrownBy(() -> new FindingCard.Line("p99", " ", "")).hasMessageContaining("observed");
  }
}
