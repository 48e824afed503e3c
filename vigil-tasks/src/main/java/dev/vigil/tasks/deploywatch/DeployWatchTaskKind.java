package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.Durations;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.port.MetricSource;
import dev.vigil.core.task.ParameterSchema;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.ParameterType;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches one deploy: reads it from the event that woke the run, then checks the deployed service's
 * signals at {@code early} and {@code late} after the deploy (durable timers: a restart in between
 * loses nothing), posting a verdict each time and filing a finding when the service got worse.
 *
 * <p>Steps: {@code read-deploy} (which service and version, and the plan, posted before anything is
 * judged), {@code check-early}, {@code check-late}. Each check is evaluated as of its planned time,
 * not as of when it happens to run, so a check delayed by a restart judges the same minutes.
 */
public final class DeployWatchTaskKind implements TaskKind {
  private static final ParameterSchema PARAMETERS = ParameterSchema.of(
      ParameterSpec.required("metrics", ParameterType.STRING, "the Prometheus-compatible integration to read"),
      ParameterSpec.required("channel", ParameterType.STRING, "where verdicts are posted"),
      ParameterSpec.optional("signals", ParameterType.STRING, "prometheus-http",
          "the signal set: " + String.join(", ", SignalSets.names())),
      ParameterSpec.optional("signalTemplates", ParameterType.STRING, "",
          "signal templates as YAML text ('signals:' list); when given, used instead of the set"),
      ParameterSpec.optional("only", ParameterType.STRING_LIST, List.of(), "judge only these signals of the set"),
      ParameterSpec.optional("early", ParameterType.DURATION, "5m", "first check, after the deploy"),
      ParameterSpec.optional("late", ParameterType.DURATION, "15m", "final check, after the deploy"),
      ParameterSpec.optional("before", ParameterType.DURATION, "30m", "length of the window before the deploy"),
      ParameterSpec.optional("rateWindow", ParameterType.DURATION, "2m", "the $window of rate() in the signals"),
      ParameterSpec.optional("step", ParameterType.DURATION, "15s", "resolution of the windows' queries"),
      ParameterSpec.optional("environment", ParameterType.STRING, "", "watch only deploys to this environment"),
      ParameterSpec.optional("graphUrl", ParameterType.STRING, "", "Prometheus' web address, for evidence links"));

  private final DeployCheck check = new DeployCheck();

  @Override
  public String name() {
    return "deploy-watch";
  }

  @Override
  public String description() {
    return "After a deploy, checks the service's golden signals twice against before and last week; posts the"
        + " verdict with its evidence.";
  }

  @Override
  public ParameterSchema parameters() {
    return PARAMETERS;
  }

  @Override
  public List<PlannedStep> plan(Map<String, Object> p) {
    String signals = signals(p).stream().map(SignalTemplate::name).reduce((a, b) -> a + ", " + b).orElse("");
    return List.of(
        new PlannedStep("read-deploy", "read the deploy (service, version, environment) from the event and post"
            + " the plan to " + p.get("channel")),
        new PlannedStep("check-early", "at +" + p.get("early") + ": " + signals + " ("
            + (((String) p.getOrDefault("signalTemplates", "")).isBlank() ? p.get("signals") : "own templates")
            + ") after the deploy vs the " + p.get("before") + " before and the same minutes a week earlier"),
        new PlannedStep("check-late", "at +" + p.get("late") + ": the same, final verdict; a finding when worse"));
  }

  @Override
  public StepOutcome execute(StepContext ctx) throws StepFailure {
    return switch (ctx.stepName()) {
      case "read-deploy" -> readDeploy(ctx);
      case "check-early" -> check(ctx, "early", false);
      case "check-late" -> check(ctx, "late", true);
      default -> throw StepFailure.permanent("deploy-watch has no step '" + ctx.stepName() + "'");
    };
  }

  private StepOutcome readDeploy(StepContext ctx) throws StepFailure {
    Map<String, Object> p = ctx.parameters();
    List<SignalTemplate> signals = signals(p);
    if (signals.isEmpty()) {
      throw StepFailure.permanent("no signals to judge: 'only' " + p.get("only") + " names none of the set "
          + p.get("signals"));
    }
    var event = ctx.event().orElseThrow(() -> StepFailure.permanent("deploy-watch wakes on deploy events; this"
        + " run woke on " + ctx.wakeReason() + ". Give the task an event trigger (e.g. source github, type"
        + " deployment_status)"));
    StringBuilder why = new StringBuilder();
    Optional<DeployNotice> notice = DeployNotice.from(event, why);
    String environment = (String) p.get("environment");
    if (notice.isPresent() && !environment.isEmpty() && !environment.equals(notice.get().environment())) {
      why.append("deployed to '").append(notice.get().environment()).append("', this watch covers '")
          .append(environment).append("'");
      notice = Optional.empty();
    }
    if (notice.isEmpty()) {
      return StepOutcome.done(Map.of("watching", false, "reason", why.toString()));
    }
    DeployNotice d = notice.get();
    Optional<DeployNotice> watched = Supersession.earlierWatchOfSameDeploy(d, ctx.otherLiveRunEvents());
    if (watched.isPresent()) {
      return StepOutcome.done(Map.of("watching", false, "reason", "the same deploy is already watched (event "
          + watched.get().eventId() + ")"));
    }
    Duration early = duration(p, "early");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("watching", true);
    out.put("service", d.service());
    out.put("version", d.version());
    out.put("sha", d.sha());
    out.put("environment", d.environment());
    out.put("repository", d.repository());
    out.put("deployedAt", d.deployedAt().toString());
    out.put("eventId", d.eventId());
    DeployContext context = DeployContext.of(ctx.graph(), d.service());
    out.putAll(context.toOutput());
    ctx.post(ChatPost.text((String) p.get("channel"), "deploy-watch: watching " + d.title() + ", deployed "
        + d.deployedAt() + ". Checks at +" + p.get("early") + " and +" + p.get("late") + " on "
        + String.join(", ", signals.stream().map(SignalTemplate::name).toList()) + " against the "
        + p.get("before") + " before and the same minutes a week earlier; the verdicts follow in this thread." + context.describe())
        .inThread(thread(d)));
    return StepOutcome.thenWaitUntil(d.deployedAt().plus(early), out);
  }

  private StepOutcome check(StepContext ctx, String which, boolean last) throws StepFailure {
    Map<String, Object> read = ctx.previousOutputs().get("read-deploy");
    if (read == null || !Boolean.TRUE.equals(read.get("watching"))) {
      return StepOutcome.done(Map.of("skipped", read == null ? "no deploy was read" : read.get("reason")));
    }
    Optional<Object> ended = ctx.previousOutputs().values().stream().map(o -> o.get("supersededBy"))
        .filter(java.util.Objects::nonNull).findFirst();
    if (ended.isPresent()) {
      return StepOutcome.done(Map.of("skipped", "superseded by " + ended.get()));
    }
    Map<String, Object> p = ctx.parameters();
    DeployNotice d = new DeployNotice((String) read.get("service"), (String) read.get("version"),
        (String) read.get("sha"), (String) read.get("environment"), (String) read.get("repository"),
        Instant.parse((String) read.get("deployedAt")), (String) read.get("eventId"));
    Duration since = duration(p, which);
    Instant checkAt = d.deployedAt().plus(since);
    WatchWindows windows;
    try {
      windows = WatchWindows.of(d.deployedAt(), checkAt, duration(p, "before"), duration(p, "rateWindow"));
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent("cannot check at +" + p.get(which) + ": " + e.getMessage());
    }
    Optional<DeployNotice> newer = Supersession.newerDeploy(d, ctx.otherLiveRunEvents(), checkAt);
    if (newer.isPresent()) {
      // The after-window would now mix two releases: judging it would blame one for the other.
      ctx.post(ChatPost.text((String) p.get("channel"), "deploy-watch " + d.title() + ": superseded by "
          + newer.get().title() + ", deployed " + newer.get().deployedAt() + ". This watch ends without the +"
          + p.get(which) + " check; the newer deploy's watch takes over.").inThread(thread(d)));
      return StepOutcome.done(Map.of("verdict", "SUPERSEDED", "supersededBy", newer.get().title() + " (event "
          + newer.get().eventId() + ")"));
    }
    MetricSource source = ctx.metrics((String) p.get("metrics"));
    DeployCheck.Result result;
    try {
      result = check.run(source, d.service(), signals(p), windows, duration(p, "rateWindow"), duration(p, "step"));
    } catch (IntegrationFailure f) {
      if (f.retryable()) {
        throw StepFailure.retryable("metrics store unavailable for the +" + p.get(which) + " check of "
            + d.title() + ": " + f.getMessage(), f);
      }
      throw StepFailure.permanent("the +" + p.get(which) + " check of " + d.title() + " cannot read metrics: "
          + f.getMessage(), f);
    }
    String graphUrl = (String) p.get("graphUrl");
    Verdict verdict = result.verdict().verdict();
    DeployContext context = DeployContext.fromOutput(read);
    ChatPost post = DeployReport.card((String) p.get("channel"), d, result, since, last, graphUrl);
    if (!context.owners().isEmpty()) {
      post = new ChatPost(post.channel(), post.text(),
          post.card().map(c -> c.withOwner(String.join(", ", context.owners()))), post.attachments(), post.thread());
    }
    ctx.post(post.inThread(thread(d)));
    if (verdict == Verdict.FAIL || (last && verdict == Verdict.MARGINAL)) {
      String failing = String.join(", ", result.signals().stream()
          .filter(r -> r.judgement().verdict() == verdict).map(r -> r.signal().name()).toList());
      ctx.report(new FindingDraft(verdict == Verdict.FAIL ? Severity.CRITICAL : Severity.WARNING, d.service(),
          "deploy " + d.title() + " " + DeployReport.word(verdict).toLowerCase(java.util.Locale.ROOT) + "s at +"
              + p.get(which) + ": " + failing,
          DeployReport.evidence(result, graphUrl),
          List.of(verdict == Verdict.FAIL ? DeployReport.rollback(d)
              : "watch " + failing + " of " + d.service() + " for the next hour",
              "look at the changes in " + d.version() + (d.sha().isEmpty() ? "" : " (" + d.sha() + ")"),
              context.runbook().map(r -> "follow the runbook " + r).orElse("no runbook is known for "
                  + d.service() + " (add one to its catalog entry)"),
              context.owners().isEmpty() ? "no owner is known for " + d.service()
                  : "tell " + String.join(", ", context.owners())),
          "deploy-watch:" + ctx.agent().id() + ":" + d.eventId()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verdict", verdict.name());
    out.put("score", Double.isNaN(result.verdict().score()) ? -1 : Math.round(result.verdict().score()));
    result.signals().forEach(r -> out.put(r.signal().name(), r.judgement().verdict().name()));
    return last ? StepOutcome.done(out) : StepOutcome.thenWaitUntil(d.deployedAt().plus(duration(p, "late")), out);
  }

  /** One thread per deploy: the plan, the early and the late verdict answer each other. */
  private static String thread(DeployNotice d) {
    return "deploy-watch:" + d.eventId();
  }

  private static List<SignalTemplate> signals(Map<String, Object> p) {
    String templates = (String) p.getOrDefault("signalTemplates", "");
    String set = (String) p.get("signals");
    List<SignalTemplate> all = !templates.isBlank() ? SignalTemplates.parse(templates) : SignalSets.named(set).orElseThrow(() -> new IllegalArgumentException(
        "unknown signal set '" + set + "' (known: " + String.join(", ", SignalSets.names()) + ")"));
    @SuppressWarnings("unchecked")
    List<String> only = (List<String>) p.getOrDefault("only", List.of());
    return only.isEmpty() ? all : all.stream().filter(s -> only.contains(s.name())).toList();
  }

  private static Duration duration(Map<String, Object> p, String name) {
    return Durations.parse((String) p.get(name), name);
  }
}
