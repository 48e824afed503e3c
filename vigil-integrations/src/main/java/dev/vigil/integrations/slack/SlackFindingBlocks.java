package dev.vigil.integrations.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.FindingCard;
import java.util.ArrayList;
import java.util.List;

/**
 * A finding card as Block Kit: a header (severity and title), the summary, the evidence as section
 * fields, the next step, a context line with the owner, and a button to the finding. Everything
 * is cut to Slack's limits with an ellipsis, because Slack refuses a whole message
 * ({@code invalid_blocks}) for one field too long, and a finding must reach the channel.
 */
public final class SlackFindingBlocks {
  /** Slack's limits (Block Kit reference): more and it answers {@code invalid_blocks}. */
  public static final int MAX_BLOCKS = 50;
  public static final int MAX_HEADER_CHARS = 150;
  public static final int MAX_SECTION_CHARS = 3000;
  public static final int MAX_FIELD_CHARS = 2000;
  public static final int MAX_FIELDS = 10;
  public static final int MAX_BUTTON_CHARS = 75;
  public static final int MAX_URL_CHARS = 3000;
  /** Blocks besides the evidence sections: header, summary, next step, divider, context, actions. */
  private static final int FIXED_BLOCKS = 6;

  private SlackFindingBlocks() {}

  public static List<LayoutBlock> of(FindingCard card) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(HeaderBlock.builder()
        .text(PlainTextObject.builder().text(cut(marker(card.severity()) + " " + card.title(), MAX_HEADER_CHARS))
            .emoji(true).build())
        .build());
    if (!card.summary().isBlank()) {
      blocks.add(SectionBlock.builder().text(markdown(cut(escape(card.summary()), MAX_SECTION_CHARS))).build());
    }
    List<FindingCard.Line> evidence = card.evidence();
    int sections = (evidence.size() + MAX_FIELDS - 1) / MAX_FIELDS;
    int shownSections = Math.min(sections, MAX_BLOCKS - FIXED_BLOCKS);
    int shownLines = Math.min(evidence.size(), shownSections * MAX_FIELDS);
    for (int from = 0; from < shownLines; from += MAX_FIELDS) {
      List<TextObject> fields = new ArrayList<>();
      for (FindingCard.Line line : evidence.subList(from, Math.min(shownLines, from + MAX_FIELDS))) {
        fields.add(markdown(cut("*" + escape(line.label()) + "*\n" + escape(line.observed())
            + (line.baseline().isEmpty() ? "" : " (baseline " + escape(line.baseline()) + ")"), MAX_FIELD_CHARS)));
      }
      blocks.add(SectionBlock.builder().fields(fields).build());
    }
    card.nextStep().ifPresent(step ->
        blocks.add(SectionBlock.builder().text(markdown(cut("*Next step:* " + escape(step), MAX_SECTION_CHARS))).build()));
    blocks.add(DividerBlock.builder().build());
    List<ContextBlockElement> context = new ArrayList<>();
    context.add(markdown("Severity: *" + card.severity().name().toLowerCase(java.util.Locale.ROOT) + "*"));
    card.owner().ifPresent(owner -> context.add(markdown(cut("Owner: " + escape(owner), MAX_FIELD_CHARS))));
    if (shownLines < evidence.size()) {
      context.add(markdown((evidence.size() - shownLines) + " more evidence lines on the finding's page"));
    }
    blocks.add(ContextBlock.builder().elements(context).build());
    card.link().map(Object::toString).filter(url -> url.length() <= MAX_URL_CHARS).ifPresent(url -> {
      List<BlockElement> buttons = List.of(ButtonElement.builder()
          .text(PlainTextObject.builder().text("Open finding").build()).url(url).actionId("vigil-open-finding").build());
      blocks.add(ActionsBlock.builder().elements(buttons).build());
    });
    return blocks;
  }

  private static String marker(Severity severity) {
    return switch (severity) {
      case CRITICAL -> ":red_circle:";
      case WARNING -> ":large_orange_circle:";
      case INFO -> ":large_blue_circle:";
    };
  }

  private static MarkdownTextObject markdown(String text) {
    return MarkdownTextObject.builder().text(text).build();
  }

  /** Slack's mrkdwn reads {@code <...>} as links and mentions; a finding's text shows as written. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Cuts to {@code max} characters ending in an ellipsis, never splitting a surrogate pair or an
   * escaped {@code &amp;}-style entity (Slack would show its remains).
   */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    int amp = text.lastIndexOf('&', end - 1);
    if (amp >= 0 && end - amp < 5 && text.indexOf(';', amp) >= end) {
      end = amp;
    }
    return text.substring(0, end) + "…";
  }
}
