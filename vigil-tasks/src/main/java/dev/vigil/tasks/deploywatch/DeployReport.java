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
   * What the advice rests on beside the check.
   *
   * @param changes the deploy's changeset, when it was read
   * @param previousSha the commit deployed before, when known
   * @param runbook the deployed service's runbook, when the graph knows one
   */
  record Advice(Optional<ChangeRange> changes, Optional<String> previousSha, Optional<String> runbook) {
    static final Advice NONE = new Advice(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The verdict as a finding card (the text below is its fallback), with a chart of every signal that
   * did not pass, so that the picture is in the thread next to the numbers.
   */
  public static ChatPost card(String channel, DeployNotice deploy, DeployCheck.Result check, Duration sinceDeploy,
      boolean last, String graphUrl) {
    return card(channel, deploy, PlanCheck.single(deploy.service(), check), sinceDeploy, last, graphUrl, Advice.NONE);
  }

  static ChatPost card(String channel, DeployNotice deploy, PlanCheck check, Duration sinceDeploy, boolean last,
      String graphUrl, Advice advice) {
    Verdict v = check.verdict();
    boolean several = check.targets().size() > 1;
    Severity severity = v == Verdict.FAIL ? Severity.CRITICAL : v == Verdict.MARGINAL ? Severity.WARNING : Severity.INFO;
    String title = deploy.title() + ": " + word(v) + " at +" + minutes(sinceDeploy);
    List<String> notPassing = new ArrayList<>();
    for (PlanCheck.TargetCheck t : check.targets()) {
      t.result().signals().stream().filter(r -> t.signalVerdict(r) != Verdict.PASS && !t.addedWithoutData(r)
          && (t.counted() || t.signalVerdict(r) != Verdict.NOT_ENOUGH_DATA))
          .forEach(r -> notPassing.add((several ? t.service() + " " : "") + r.signal().name() + " "
              + word(t.signalVerdict(r)) + (t.counted() ? "" : " (left to another deploy's watch)")));
    }
    FindingCard card = FindingCard.of(title, severity, notPassing.isEmpty() ? "No signal got worse beyond its tolerance."
        : String.join("; ", notPassing));
    for (PlanCheck.TargetCheck t : check.targets()) {
      for (DeployCheck.SignalResult r : t.result().signals()) {
        Comparison before = r.judgement().vsBefore();
        card = card.withEvidence((t.target().role() == HealthPlan.Role.DEPLOYED ? "" : t.service() + " ")
            + r.signal().name() + " (" + word(t.signalVerdict(r)) + ")", r.signal().format(before.candidateMedian()),
            baseline(r));
      }
    }
    if (v == Verdict.FAIL) {
      card = card.withNextStep(rollback(deploy, advice));
    }
    if (!graphUrl.isEmpty() && graphUrl.matches("https?://.+")) {
      card = card.withLink(URI.create(link(graphUrl, check.primary().signals().getFirst().query(),
          check.primary().windows().after(), check.primary().windows().before())));
    }
    ChatPost post = ChatPost.card(channel, post(deploy, check, sinceDeploy, last, graphUrl, advice), card);
    for (PlanCheck.TargetCheck t : check.targets()) {
      for (DeployCheck.SignalResult r : t.result().signals()) {
        if (t.signalVerdict(r) == Verdict.FAIL || t.signalVerdict(r) == Verdict.MARGINAL) {
          post = post.withAttachment(new ChatAttachment(t.service() + "-" + r.signal().name() + "-"
              + minutes(sinceDeploy) + ".png", t.service() + " " + r.signal().name() + " before and after "
              + (t.service().equals(deploy.service()) ? "" : "the deploy of " + deploy.service() + " ")
              + deploy.version() + " against its allowed band",
              DeployChart.png(deploy, t.service(), r)));
        }
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
    return post(deploy, PlanCheck.single(deploy.service(), check), sinceDeploy, last, graphUrl, Advice.NONE);
  }

  static String post(DeployNotice deploy, PlanCheck check, Duration sinceDeploy, boolean last, String graphUrl,
      Advice advice) {
    StringBuilder out = new StringBuilder();
    Verdict v = check.verdict();
    boolean several = check.targets().size() > 1;
    out.append("deploy-watch ").append(deploy.title()).append(" at +").append(minutes(sinceDeploy)).append(": ")
        .append(word(v));
    if (!Double.isNaN(check.score())) {
      out.append(" (score ").append(Math.round(check.score())).append("/100)");
    }
    out.append(last ? "" : ", next check later").append('\n');
    for (PlanCheck.TargetCheck t : check.targets()) {
      if (several) {
        out.append(t.service()).append(" (").append(t.target().role() == HealthPlan.Role.DEPLOYED ? "deployed"
            : t.target().role().word + ": " + t.target().why()).append("): ").append(word(t.verdict())).append('\n');
      }
      for (DeployCheck.SignalResult r : t.result().signals()) {
        out.append("- ").append(line(r));
        if (t.signalVerdict(r) != r.judgement().verdict()) {
          out.append(" [counts as ").append(word(t.signalVerdict(r))).append(": ").append(t.service())
              .append(" was not deployed, so its shift against before must be beyond the tolerance too]");
        }
        if (t.addedWithoutData(r)) {
          out.append(" [added for what changed: without data it holds no verdict back; are its metrics collected?]");
        }
        out.append('\n');
      }
      t.ownDeploy().ifPresent(o -> out.append("  ").append(o).append(": what it did is left to that deploy's watch.\n"));
      t.memory().forEach(m -> out.append("  Remembered: ").append(m).append(".\n"));
    }
    List<PlanCheck.TargetCheck> regressed = check.targets().stream().filter(PlanCheck.TargetCheck::regressed).toList();
    if (!regressed.isEmpty()) {
      out.append("Regressed: ").append(String.join("; ", regressed.stream().map(t -> t.service()
          + (t.target().role() == HealthPlan.Role.DEPLOYED || t.target().role() == HealthPlan.Role.CHANGED ? ""
              : " (" + t.target().role().word + ", " + t.target().why() + ")")).toList())).append('\n');
      for (PlanCheck.TargetCheck t : regressed) {
        out.append(suspects(t, advice)).append('\n');
      }
    }
    WatchWindows w = check.primary().windows();
    out.append("Windows: after ").append(range(w.after())).append(" vs before ").append(range(w.before()))
        .append(", the same minutes a week earlier and the week's range").append(storedWeek(check)).append(".\n");
    if (v == Verdict.FAIL) {
      out.append("Next step: ").append(rollback(deploy, advice)).append(".\n");
    } else if (v == Verdict.NOT_ENOUGH_DATA) {
      out.append("Not judged: too few points (low traffic or no data yet); nothing here means it passed.\n");
    }
    if (!graphUrl.isEmpty()) {
      for (PlanCheck.TargetCheck t : check.targets()) {
        for (DeployCheck.SignalResult r : t.result().signals()) {
          out.append(several ? t.service() + " " : "").append(r.signal().name()).append(": ")
              .append(link(graphUrl, r.query(), w.after(), w.before())).append('\n');
        }
      }
    }
    return out.toString().stripTrailing();
  }

  /**
   * Where the week came from when the graph's learned baselines stood in for reading it, e.g.
   * {@code  (from the learned baselines to 13:52:00 UTC for 3 of 3 signals)}; empty when every week was read.
   * A baseline stored before the week's values were kept has only the summary, which cannot feed the judge's
   * anomaly scorer: those signals were judged by the tests and the range alone, and the line says how many
   * ({@code , 1 without the anomaly check}).
   */
  static String storedWeek(PlanCheck check) {
    List<DeployCheck.SignalResult> all = check.targets().stream().flatMap(t -> t.result().signals().stream()).toList();
    List<DeployCheck.SignalResult> fromBaselines = all.stream().filter(r -> r.storedHistory().isPresent()).toList();
    if (fromBaselines.isEmpty()) {
      return "";
    }
    java.time.Instant oldest = fromBaselines.stream().map(r -> r.storedHistory().orElseThrow())
        .min(java.util.Comparator.naturalOrder()).orElseThrow();
    long summaryOnly = fromBaselines.stream().filter(r -> r.judgement().vsScorer() == null).count();
    return " (from the learned baselines to " + CLOCK.format(oldest) + " for " + fromBaselines.size() + " of "
        + all.size() + " signals" + (summaryOnly == 0 ? "" : ", " + summaryOnly + " without the anomaly check") + ")";
  }

  /**
   * The commits that touched a regressed service (for a caller or a datastore, the changed services it was
   * judged for), newest first: where to look before anything else.
   */
  static String suspects(PlanCheck.TargetCheck t, Advice advice) {
    if (advice.changes().isEmpty()) {
      return "Suspicious commits for " + t.service() + ": unknown (the changeset was not read).";
    }
    ChangeRange changes = advice.changes().get();
    if (!changes.attributed()) {
      return "Suspicious commits for " + t.service() + ": not attributed, the range " + shortSha(changes.base())
          + ".." + shortSha(changes.head()) + " has " + changes.commits().size() + " commits; read it whole.";
    }
    List<String> touched = t.target().causes().isEmpty() ? List.of(t.service()) : t.target().causes();
    List<String> commits = changes.commits().stream().filter(c -> c.services().stream().anyMatch(touched::contains))
        .map(ChangeRange.Commit::describe).toList();
    return "Suspicious commits for " + t.service() + (touched.contains(t.service()) ? "" : " (touching "
        + String.join(", ", touched) + ")") + ": " + (commits.isEmpty() ? "none of the " + changes.commits().size()
            + " commits in " + shortSha(changes.base()) + ".." + shortSha(changes.head()) + " touches it"
            : String.join("; ", commits)) + ".";
  }

  /**
   * The rollback advice. The SHA in it is the deployed one, so it stands next to the deployed version
   * ("from 2.4.0 (e752177)"): placed after "the release before" it read as the previous release's SHA.
   */
  static String rollback(DeployNotice deploy) {
    return rollback(deploy, Advice.NONE);
  }

  /** The rollback advice with the commit deployed before when it is known, and the runbook to follow. */
  static String rollback(DeployNotice deploy, Advice advice) {
    return "roll " + deploy.service() + " back from " + deploy.version()
        + (deploy.sha().isEmpty() ? "" : " (" + shortSha(deploy.sha()) + ")") + " to "
        + advice.previousSha().map(p -> shortSha(p) + ", the commit deployed before it").orElse("the release before it")
        + advice.runbook().map(r -> ", then follow the runbook " + r).orElse("");
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
      // The shift is what a false-positive mark makes the next watch tolerate (FalsePositiveMemory).
      out.add(new Evidence(r.query(), w.after().start(), w.after().end(),
          r.signal().format(before.candidateMedian()) + " median, " + FalsePositiveMemory.shift(r.signal(), before)
              + ": " + word(r.judgement().verdict()), expected,
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
