package dev.vigil.tasks.digest;

import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.outbox.FindingCard;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one digest says, built from what happened between {@code from} and {@code to}: findings that were
 * opened or changed in the period, deploys, and the alerts that fired (with their noise verdicts).
 *
 * @param findings findings created or changed in the period
 * @param deploys deploys in the period, any order
 * @param alerts the noise verdicts of alert rules that fired in the graph's history window
 */
public record Digest(String title, Instant from, Instant to, List<Finding> findings, List<Deploy> deploys,
    List<AlertNoise> alerts) {
  /** At most this many open findings are listed one by one; the rest are counted. */
  static final int LISTED = 8;

  public Digest {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    findings = List.copyOf(findings);
    deploys = List.copyOf(deploys);
    alerts = List.copyOf(alerts);
  }

  public List<Finding> opened() {
    return findings.stream().filter(f -> !f.createdAt().isBefore(from)).toList();
  }

  /** Open or acknowledged, most severe first, then the most repeated. */
  public List<Finding> stillOpen() {
    return findings.stream().filter(f -> f.status() == FindingStatus.OPEN || f.status() == FindingStatus.ACKNOWLEDGED)
        .sorted(Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Comparator.comparingInt(Finding::occurrences).reversed()))
        .toList();
  }

  public long withStatus(FindingStatus status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }

  public List<AlertNoise> noisy() {
    return alerts.stream().filter(a -> a.verdict() == AlertNoise.Verdict.NOISY).toList();
  }

  /** Open critical findings make the digest critical, open warnings a warning; otherwise it is news. */
  public Severity severity() {
    return stillOpen().stream().map(Finding::severity).max(Comparator.naturalOrder()).orElse(Severity.INFO);
  }

  public String text() {
    StringBuilder out = new StringBuilder(title).append(", ").append(to.truncatedTo(ChronoUnit.MINUTES))
        .append(" (the last ").append(hours(Duration.between(from, to))).append(")\n");
    List<Finding> opened = opened();
    out.append("Findings: ").append(opened.size()).append(" new");
    if (!opened.isEmpty()) {
      out.append(" (").append(bySeverity(opened)).append(')');
    }
    out.append(", ").append(stillOpen().size()).append(" open, ").append(withStatus(FindingStatus.RESOLVED))
        .append(" resolved, ").append(withStatus(FindingStatus.FALSE_POSITIVE)).append(" marked false positive.\n");
    List<Finding> open = stillOpen();
    for (Finding f : open.stream().limit(LISTED).toList()) {
      out.append("- ").append(f.severity().name()).append(' ').append(f.service().isBlank() ? "-" : f.service())
          .append(": ").append(f.summary()).append(" (").append(f.agent().value()).append(", ")
          .append(f.status().name().toLowerCase(Locale.ROOT)).append(", seen ").append(f.occurrences())
          .append(f.occurrences() == 1 ? " time" : " times").append(", id ").append(f.id().value()).append(")\n");
    }
    if (open.size() > LISTED) {
      out.append("- and ").append(open.size() - LISTED).append(" more\n");
    }
    List<Deploy> deploys = this.deploys.stream().sorted(Comparator.comparing(Deploy::at)).toList();
    out.append("Deploys: ").append(deploys.size());
    if (!deploys.isEmpty()) {
      List<String> named = new ArrayList<>();
      deploys.stream().limit(LISTED).forEach(d -> named.add(d.service().name()
          + (d.version().isBlank() ? "" : " " + d.version()) + " at " + d.at().truncatedTo(ChronoUnit.MINUTES)));
      out.append(": ").append(String.join(", ", named)).append(deploys.size() > LISTED ? ", ..." : "");
    }
    out.append(".\n");
    List<AlertNoise> fired = alerts.stream().filter(a -> a.fired() > 0)
        .sorted(Comparator.comparingInt(AlertNoise::fired).reversed()).toList();
    out.append("Alerts that fired in the last week: ").append(fired.size());
    if (!fired.isEmpty()) {
      out.append(" (").append(String.join(", ", fired.stream().limit(LISTED)
          .map(a -> a.alert() + " " + a.fired() + "x").toList())).append(')');
    }
    out.append(".\n");
    for (AlertNoise n : noisy()) {
      out.append("Noisy: ").append(n.alert()).append(": ").append(n.reason()).append('\n');
    }
    if (opened.isEmpty() && open.isEmpty() && deploys.isEmpty()) {
      out.append("A quiet period: nothing new, nothing open.\n");
    }
    return out.toString().stripTrailing();
  }

  public ChatPost post(String channel) {
    List<Finding> open = stillOpen();
    FindingCard card = FindingCard.of(title + ": " + open.size() + " open, " + opened().size() + " new, "
        + deploys.size() + " deploys", severity(), "the last " + hours(Duration.between(from, to)) + " to "
        + to.truncatedTo(ChronoUnit.MINUTES));
    for (Finding f : open.stream().limit(LISTED).toList()) {
      card = card.withEvidence(f.severity().name() + " " + f.service(), f.summary(), "");
    }
    if (!noisy().isEmpty()) {
      card = card.withNextStep("tune the noisy alerts: " + String.join(", ", noisy().stream().map(AlertNoise::alert)
          .toList()));
    } else if (!open.isEmpty()) {
      card = card.withNextStep("look at " + open.getFirst().service() + " first: " + open.getFirst().summary());
    }
    return ChatPost.card(channel, text(), card);
  }

  private static String bySeverity(List<Finding> findings) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    for (Severity s : List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO)) {
      if (counts.containsKey(s)) {
        parts.add(counts.get(s) + " " + s.name().toLowerCase(Locale.ROOT));
      }
    }
    return String.join(", ", parts);
  }

  private static String hours(Duration d) {
    long h = d.toHours();
    return h * 3600 == d.toSeconds() ? h + " h" : d.toMinutes() + " min";
  }
}
