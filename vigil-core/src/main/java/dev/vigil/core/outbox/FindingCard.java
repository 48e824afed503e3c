package dev.vigil.core.outbox;

import dev.vigil.core.Validation;
import dev.vigil.core.finding.Severity;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A finding as a chat card: what each chat renders in its own format (Slack Block Kit, a Teams
 * Adaptive Card, JSON for a webhook, the console). Values are display text, already formatted
 * with their units; chats shorten what exceeds their limits, so no length is rejected here.
 *
 * @param title one line, e.g. {@code checkout p99 up 2.3x after deploy 4f2a}
 * @param severity how urgently someone should look
 * @param summary a few sentences saying what was concluded and why
 * @param evidence the numbers behind it, observed against baseline, in the order shown
 * @param link where the finding, dashboard or query can be opened (http or https)
 * @param nextStep what a person should do now, e.g. from the runbook
 * @param owner who owns the service, e.g. {@code @payments-oncall}
 */
public record FindingCard(
    String title,
    Severity severity,
    String summary,
    List<Line> evidence,
    Optional<URI> link,
    Optional<String> nextStep,
    Optional<String> owner) {
  public FindingCard {
    Validation.requireText(title, "card title");
    Validation.requireNonNull(severity, "card severity");
    summary = Validation.orEmpty(summary);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    link = link == null ? Optional.empty() : link;
    link.ifPresent(FindingCard::requireWebLink);
    nextStep = nextStep == null ? Optional.empty() : nextStep.filter(s -> !s.isBlank());
    owner = owner == null ? Optional.empty() : owner.filter(s -> !s.isBlank());
  }

  /** A card with a title, severity and summary only; add the rest with the {@code with...} methods. */
  public static FindingCard of(String title, Severity severity, String summary) {
    return new FindingCard(title, severity, summary, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public FindingCard withEvidence(String label, String observed, String baseline) {
    List<Line> lines = new java.util.ArrayList<>(evidence);
    lines.add(new Line(label, observed, baseline));
    return new FindingCard(title, severity, summary, lines, link, nextStep, owner);
  }

  public FindingCard withLink(URI url) {
    return new FindingCard(title, severity, summary, evidence, Optional.of(url), nextStep, owner);
  }

  public FindingCard withNextStep(String text) {
    return new FindingCard(title, severity, summary, evidence, link, Optional.of(text), owner);
  }

  public FindingCard withOwner(String who) {
    return new FindingCard(title, severity, summary, evidence, link, nextStep, Optional.of(who));
  }

  private static void requireWebLink(URI url) {
    // Chats render the link as a button or an anchor; anything but http(s) would be refused by
    // Slack (invalid_blocks) only at delivery, long after the step that made it.
    if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
      throw new IllegalArgumentException("card link '" + url + "' is not an http or https URL");
    }
  }

  /**
   * One piece of evidence as shown: {@code label: observed (baseline ...)}.
   *
   * @param label what was measured, e.g. {@code p99 latency checkout}
   * @param observed the value seen, with its unit, e.g. {@code 412 ms}
   * @param baseline what normal is, with its unit, e.g. {@code 180 ms}; empty when there is none
   */
  public record Line(String label, String observed, String baseline) {
    public Line {
      Validation.requireText(label, "evidence label");
      Validation.requireText(observed, "evidence observed value");
      baseline = Validation.orEmpty(baseline);
    }
  }
}
