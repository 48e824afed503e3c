package dev.vigil.tasks.alerttriage;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.tasks.signalcheck.ServiceCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How a triage reads in the channel and as a finding: the verdict first, then why, then what to do. */
public final class AlertTriageReport {
  private AlertTriageReport() {}

  static String headline(AlertTriage.Result r) {
    String title = "alert-triage " + r.notice().title() + ": ";
    return title + switch (r.conclusion()) {
      case CONFIRMED -> "CONFIRMED by " + (r.own().map(o -> AlertTriage.confirms(o.verdict())).orElse(false)
          ? "its signals" : "a dependency's signals");
      case NOT_CONFIRMED -> "NOT CONFIRMED, " + r.notice().service() + "'s signals are normal";
      case NOT_ENOUGH_DATA -> "NOT JUDGED, " + (r.notice().service().isBlank()
          ? "the alert names no service" : "no data for " + r.notice().service() + "'s signals");
    };
  }

  public static String text(AlertTriage.Result r) {
    StringBuilder out = new StringBuilder(headline(r)).append('\n');
    if (!r.notice().summary().isBlank()) {
      out.append("Alert: ").append(r.notice().summary().replace('\n', ' ')).append('\n');
    }
    r.own().ifPresent(own -> {
      out.append("Judged ").append(range(own.check().windows().after().start(), own.check().windows().after().end()))
          .append(" against ").append(range(own.check().windows().before().start(),
              own.check().windows().before().end())).append(" and the same minutes last week.\n");
      if (AlertTriage.confirms(own.verdict())) {
        own.worseLines().forEach(line -> out.append("- ").append(line).append('\n'));
      } else {
        // Signals without data for this service (a pool it does not have) were not judged: listing them
        // would bury the ones that were.
        own.check().signals().stream().filter(s -> s.judgement().verdict() != Verdict.NOT_ENOUGH_DATA)
            .forEach(s -> out.append("- ").append(ServiceCheck.Result.line(s)).append('\n'));
      }
    });
    for (ServiceCheck.Result dependency : r.worseDependencies()) {
      out.append(r.notice().service()).append(" depends on ").append(dependency.service())
          .append(", which is worse too:\n");
      dependency.worseLines().forEach(line -> out.append("- ").append(line).append('\n'));
    }
    r.suspectDeploy().ifPresent(d -> out.append("Began ").append(minutes(Duration.between(d.at(), r.notice().at())))
        .append(" after ").append(deploy(d)).append(".\n"));
    List<Deploy> others = r.deploys().stream().filter(d -> r.suspectDeploy().map(s -> !s.equals(d)).orElse(true))
        .limit(3).toList();
    if (!others.isEmpty()) {
      out.append("Deployed nearby: ").append(String.join("; ", others.stream().map(AlertTriageReport::deploy)
          .toList())).append(".\n");
    }
    out.append("History of ").append(r.notice().alert()).append(": ").append(noise(r.noise())).append('\n');
    if (!r.owners().isEmpty()) {
      out.append("Owners: ").append(String.join(", ", r.owners())).append('\n');
    }
    r.runbook().ifPresent(rb -> out.append("Runbook: ").append(rb).append('\n'));
    List<String> next = nextSteps(r);
    if (!next.isEmpty()) {
      out.append("Next: ").append(String.join("; ", next)).append('\n');
    }
    return out.toString().stripTrailing();
  }

  static List<String> nextSteps(AlertTriage.Result r) {
    List<String> next = new ArrayList<>();
    switch (r.conclusion()) {
      case CONFIRMED -> {
        r.suspectDeploy().ifPresent(d -> next.add("roll " + d.service().name() + " back from "
            + (d.version().isBlank() ? "the deploy" : d.version()) + " (deployed "
            + minutes(Duration.between(d.at(), r.notice().at())) + " before the alert began)"));
        r.worseDependencies().forEach(d -> next.add("look at " + d.service() + " (" + d.worseNames() + "): "
            + r.notice().service() + " depends on it"));
        r.own().filter(o -> AlertTriage.confirms(o.verdict())).ifPresent(o -> next.add("look at "
            + o.service() + "'s " + o.worseNames() + " since "
            + o.check().windows().after().start().truncatedTo(ChronoUnit.SECONDS)));
        r.runbook().ifPresent(rb -> next.add("follow the runbook " + rb));
      }
      case NOT_CONFIRMED -> {
        if (r.noise().verdict() == AlertNoise.Verdict.NOISY) {
          next.add("tune the rule: a 'for:' duration or a threshold above " + r.notice().service()
              + "'s normal range would stop it firing on noise");
        }
      }
      case NOT_ENOUGH_DATA -> r.runbook().ifPresent(rb -> next.add("follow the runbook " + rb));
    }
    return next;
  }

  public static ChatPost post(String channel, AlertTriage.Result r) {
    String text = text(r);
    if (r.conclusion() != AlertTriage.Conclusion.CONFIRMED) {
      return ChatPost.text(channel, text).inThread(r.notice().threadKey());
    }
    FindingCard card = FindingCard.of(r.notice().title() + " confirmed", r.notice().findingSeverity(), summary(r));
    for (ServiceCheck.Result checked : confirming(r)) {
      card = checked.withWorseLines(card);
    }
    // A card has room for one next step, the most direct; the text carries them all.
    List<String> next = nextSteps(r);
    if (!next.isEmpty()) {
      card = card.withNextStep(next.getFirst());
    }
    if (!r.owners().isEmpty()) {
      card = card.withOwner(r.owners().getFirst());
    }
    return ChatPost.card(channel, text, card).inThread(r.notice().threadKey());
  }

  /** The finding of a confirmed alert; empty otherwise (an unconfirmed alert is not a finding). */
  public static Optional<FindingDraft> finding(AlertTriage.Result r, String dedupPrefix) {
    if (r.conclusion() != AlertTriage.Conclusion.CONFIRMED) {
      return Optional.empty();
    }
    List<Evidence> evidence = new ArrayList<>();
    confirming(r).forEach(c -> evidence.addAll(c.worseEvidence()));
    return Optional.of(new FindingDraft(r.notice().findingSeverity(), r.notice().service(), summary(r), evidence,
        nextSteps(r), dedupPrefix + ":" + r.notice().alert() + ":" + r.notice().service()));
  }

  static String summary(AlertTriage.Result r) {
    StringBuilder s = new StringBuilder(r.notice().title()).append(" confirmed: ");
    List<String> parts = new ArrayList<>();
    r.own().filter(o -> AlertTriage.confirms(o.verdict())).ifPresent(o -> parts.add(o.worseNames() + " worse"));
    r.worseDependencies().forEach(d -> parts.add("dependency " + d.service() + "'s " + d.worseNames() + " worse"));
    s.append(String.join(", ", parts));
    r.suspectDeploy().ifPresent(d -> s.append("; began ").append(minutes(Duration.between(d.at(), r.notice().at())))
        .append(" after ").append(deploy(d)));
    return s.toString();
  }

  private static List<ServiceCheck.Result> confirming(AlertTriage.Result r) {
    List<ServiceCheck.Result> out = new ArrayList<>();
    r.own().filter(o -> AlertTriage.confirms(o.verdict())).ifPresent(out::add);
    out.addAll(r.worseDependencies());
    return out;
  }

  private static String noise(AlertNoise n) {
    return switch (n.verdict()) {
      case NOISY -> "noisy. " + n.reason();
      case SIGNAL -> "not noisy. " + n.reason();
      case NOT_ENOUGH_DATA -> n.reason();
    };
  }

  private static String deploy(Deploy d) {
    return d.service().name() + (d.version().isBlank() ? "" : " " + d.version())
        + (d.environment().isBlank() ? "" : " (" + d.environment() + ")") + " deployed at "
        + d.at().truncatedTo(ChronoUnit.SECONDS);
  }

  private static String range(Instant from, Instant to) {
    return from.truncatedTo(ChronoUnit.SECONDS) + " to " + to.truncatedTo(ChronoUnit.SECONDS);
  }

  static String minutes(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    return seconds < 120 ? seconds + " s" : Math.round(seconds / 60.0) + " min";
  }
}
