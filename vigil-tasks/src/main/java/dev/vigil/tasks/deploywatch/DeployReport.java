package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Comparison;
import dev.vigil.analysis.judge.MetricJudgement;
import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.metrics.TimeRange;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns a check into what people read: the chat post and the finding's evidence. */
public final class DeployReport {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private DeployReport() {
  }

  /** A verdict as people read it: {@code PASS}, {@code MARGINAL}, {@code FAIL}, {@code NOT ENOUGH DATA}. */
  public static String word(Verdict v) {
    return switch (v) {
      case PASS -> "PASS";
      case MARGINAL -> "MARGINAL";
      case FAIL -> "FAIL";
      case NOT_ENOUGH_DATA -> "NOT ENOUGH DATA";
    };
  }

  /**
   * The verdict as a finding card (the text below is its fallback), with a chart of every signal that
   * did not pass, so that the picture is in the thread next to the numbers.
   */
  public static ChatPost card(String channel, DeployNotice deploy, DeployCheck.Result check, Duration sinceDeploy,
      boolean last, String graphUrl) {
    Verdict v = check.verdict().verdict();
    Severity severity = v == Verdict.FAIL ? Severity.CRITICAL : v == Verdict.MARGINAL ? Severity.WARNING : Severity.INFO;
    String title = deploy.title() + ": " + word(v) + " at +" + minutes(sinceDeploy);
    FindingCard card = FindingCard.of(title, severity, v == Verdict.PASS ? "No signal got worse beyond its tolerance."
        : String.join("; ", check.signals().stream().filter(r -> r.judgement().verdict() != Verdict.PASS)
            .map(r -> r.signal().name() + " " + word(r.judgement().verdict())).toList()));
    for (DeployCheck.SignalResult r : check.signals()) {
      Comparison before = r.judgement().vsBefore();
      card = card.withEvidence(r.signal().name() + " (" + word(r.judgement().verdict()) + ")",
          r.signal().format(before.candidateMedian()), baseline(r));
    }
    if (v == Verdict.FAIL) {
      card = card.withNextStep(rollback(deploy));
    }
    if (!graphUrl.isEmpty() && graphUrl.matches("https?://.+")) {
      card = card.withLink(URI.create(link(graphUrl, check.signals().getFirst().query(), check.windows().after(),
          check.windows().before())));
    }
    ChatPost post = ChatPost.card(channel, post(deploy, check, sinceDeploy, last, graphUrl), card);
    for (DeployCheck.SignalResult r : check.signals()) {
      if (r.judgement().verdict() == Verdict.FAIL || r.judgement().verdict() == Verdict.MARGINAL) {
        post = post.withAttachment(new ChatAttachment(deploy.service() + "-" + r.signal().name() + "-"
            + minutes(sinceDeploy) + ".png", deploy.service() + " " + r.signal().name() + " before and after "
            + deploy.version() + " against its allowed band", DeployChart.png(deploy, r)));
      }
    }
    return post;
  }

  /** What a signal was compared with, e.g. {@code 404 ms before, 398 ms last week}. */
  public static String baseline(DeployCheck.SignalResult r) {
    return r.signal().format(r.judgement().vsBefore().referenceMedian()) + " before"
        + (r.judgement().vsLastWeek() == null ? ""
            : ", " + r.signal().format(r.judgement().vsLastWeek().referenceMedian()) + " last week");
  }

  /** The post: the verdict first, then one line per signal with observed against baseline, then the evidence. */
  public static String post(DeployNotice deploy, DeployCheck.Result check, Duration sinceDeploy, boolean last,
      String graphUrl) {
    StringBuilder out = new StringBuilder();
    Verdict v = check.verdict().verdict();
    out.append("deploy-watch ").append(deploy.title()).append(" at +").append(minutes(sinceDeploy)).append(": ")
        .append(word(v));
    if (!Double.isNaN(check.verdict().score())) {
      out.append(" (score ").append(Math.round(check.verdict().score())).append("/100)");
    }
    out.append(last ? "" : ", next check later").append('\n');
    for (DeployCheck.SignalResult r : check.signals()) {
      out.append("- ").append(line(r)).append('\n');
    }
    WatchWindows w = check.windows();
    out.append("Windows: after ").append(range(w.after())).append(" vs before ").append(range(w.before()))
        .append(" and the same minutes a week earlier.\n");
    if (v == Verdict.FAIL) {
      out.append("Next step: ").append(rollback(deploy)).append(", then look at the failing signals above.\n");
    } else if (v == Verdict.NOT_ENOUGH_DATA) {
      out.append("Not judged: too few points (low traffic or no data yet); nothing here means it passed.\n");
    }
    if (!graphUrl.isEmpty()) {
      for (DeployCheck.SignalResult r : check.signals()) {
        out.append(r.signal().name()).append(": ").append(link(graphUrl, r.query(), w.after(), w.before())).append('\n');
      }
    }
    return out.toString().stripTrailing();
  }

  /**
   * The rollback advice. The SHA in it is the deployed one, so it stands next to the deployed version
   * ("from 2.4.0 (e752177)"): placed after "the release before" it read as the previous release's SHA.
   */
  static String rollback(DeployNotice deploy) {
    return "roll " + deploy.service() + " back from " + deploy.version()
        + (deploy.sha().isEmpty() ? "" : " (" + shortSha(deploy.sha()) + ")") + " to the release before it";
  }

  static String line(DeployCheck.SignalResult r) {
    MetricJudgement j = r.judgement();
    Comparison before = j.vsBefore();
    StringBuilder s = new StringBuilder(r.signal().name()).append(": ")
        .append(r.signal().format(before.referenceMedian())).append(" before -> ")
        .append(r.signal().format(before.candidateMedian())).append(" after");
    if (j.vsLastWeek() != null) {
      s.append(" (last week ").append(r.signal().format(j.vsLastWeek().referenceMedian())).append(')');
    }
    if (!Double.isNaN(before.pValue())) {
      s.append(String.format(Locale.ROOT, ", p=%.2g", before.pValue()));
    }
    s.append(": ").append(word(j.verdict())).append(" - ").append(j.reason());
    r.notes().forEach(n -> s.append(" [").append(n).append(']'));
    return s.toString();
  }

  static List<Evidence> evidence(DeployCheck.Result check, String graphUrl) {
    List<Evidence> out = new ArrayList<>();
    WatchWindows w = check.windows();
    for (DeployCheck.SignalResult r : check.signals()) {
      Comparison before = r.judgement().vsBefore();
      String expected = r.signal().format(before.referenceMedian()) + " before the deploy"
          + (r.judgement().vsLastWeek() == null ? ""
              : ", " + r.signal().format(r.judgement().vsLastWeek().referenceMedian()) + " a week earlier")
          + " (" + r.signal().direction().label() + ", tolerance " + r.signal().tolerance() + ")";
      out.add(new Evidence(r.query(), w.after().start(), w.after().end(),
          r.signal().format(before.candidateMedian()) + " median: " + word(r.judgement().verdict()), expected,
          graphUrl.isEmpty() ? Optional.empty() : Optional.of(link(graphUrl, r.query(), w.after(), w.before()))));
    }
    return out;
  }

  /** Prometheus' graph page showing the query from the start of the before-window to the check. */
  static String link(String graphUrl, String query, TimeRange after, TimeRange before) {
    long seconds = Duration.between(before.start(), after.end()).toSeconds();
    return graphUrl.replaceAll("/+$", "") + "/graph?g0.expr=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&g0.tab=0&g0.range_input=" + seconds + "s&g0.end_input="
        + URLEncoder.encode(DateTimeFormatter.ISO_INSTANT.format(after.end()).replace('T', ' ').replace("Z", ""),
            StandardCharsets.UTF_8);
  }

  private static String range(TimeRange r) {
    return CLOCK.format(r.start()) + "-" + CLOCK.format(r.end());
  }

  private static String minutes(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
