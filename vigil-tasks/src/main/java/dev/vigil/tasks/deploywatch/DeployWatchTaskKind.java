package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.Durations;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.QueryDuration;
import dev.vigil.core.port.ChangeSource;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches one deploy: reads it from the event that woke the run and the changeset from the commit
 * deployed before, plans which services to judge ({@link HealthPlan}), then checks them at {@code early}
 * and {@code late} after the deploy (durable timers: a restart in between loses nothing), posting a
 * verdict each time and filing a finding per service that got worse, with the commits that touched it.
 *
 * <p>Steps: {@code read-deploy} (which service and version, the changes and the plan, posted before
 * anything is judged), {@code check-early}, {@code check-late}. Each check is evaluated as of its planned
 * time, not as of when it happens to run, so a check delayed by a restart judges the same minutes.
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
      ParameterSpec.optional("graphUrl", ParameterType.STRING, "", "Prometheus' web address, for evidence links"),
      ParameterSpec.optional("changes", ParameterType.STRING, "",
          "the git or github integration to read the deploy's changeset from (empty: no changeset)"),
      ParameterSpec.optional("repository", ParameterType.STRING, "",
          "owner/name of the repository deployed from (empty: the deploy event's)"),
      ParameterSpec.optional("datastoreSignals", ParameterType.STRING, "postgres",
          "the signal set judged on the datastores of changed services when migrations changed (empty: none)"),
      ParameterSpec.optional("runtimeSignals", ParameterType.STRING, "kubernetes",
          "the signal set (restarts, readiness) added for a shipped service whose configuration or container image"
              + " changed (empty: none)"),
      ParameterSpec.optional("flagSignals", ParameterType.STRING, "openfeature",
          "the signal set (flag evaluations) added for a shipped service whose feature flags changed (empty: none)"),
      ParameterSpec.optional("maxServices", ParameterType.INTEGER, 8,
          "the most services one watch judges (deployed, changed, datastores, direct callers)"));

  /** How many of the task's other runs are read for the previous deploy and the callers' own deploys. */
  private static final int RUN_MEMORY = 200;

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
        new PlannedStep("read-deploy", "read the deploy (service, version, environment) from the event"
            + (((String) p.getOrDefault("changes", "")).isEmpty() ? "" : " and its changes from " + p.get("changes"))
            + "; post the health plan (the service, its datastores when migrations changed, its restarts and"
            + " readiness when configuration or the image changed, its flag evaluations when flags changed, its"
            + " direct callers) to "
            + p.get("channel")),
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
    List<String> changeNotes = new ArrayList<>();
    Optional<ChangeRange> changes = readChanges(ctx, d, event.labels(), out, changeNotes);
    HealthPlan.ChangeSets sets;
    try {
      sets = changeSets(p);
    } catch (IllegalArgumentException e) {
      // Refused here, not in plan(): plan() runs while an event is accepted, where an exception would refuse
      // the event for every agent it wakes, not only this task's run.
      throw StepFailure.permanent(e.getMessage());
    }
    HealthPlan plan = HealthPlan.of(d, ctx.graph(), changes, sets, ((Number) p.get("maxServices")).intValue());
    out.put("plan", plan.toOutput());
    changes.ifPresent(c -> out.put("changes", c.toOutput()));
    StringBuilder text = new StringBuilder("deploy-watch: watching " + d.title() + ", deployed " + d.deployedAt() + ".");
    changes.ifPresentOrElse(c -> text.append('\n').append(describe(c)), () -> changeNotes.forEach(n -> text.append('\n')
        .append(n)));
    text.append('\n').append(plan.describe(set -> set.equals(HealthPlan.GOLDEN) ? signals.stream()
        .map(SignalTemplate::name).toList() : SignalSets.named(set).orElse(List.of()).stream().map(SignalTemplate::name)
        .toList()));
    text.append("\nChecks at +").append(p.get("early")).append(" and +").append(p.get("late")).append(" against the ")
        .append(p.get("before")).append(" before and the same minutes a week earlier; the verdicts follow in this thread.")
        .append(context.describe());
    ctx.post(ChatPost.text((String) p.get("channel"), text.toString()).inThread(thread(d)));
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
    HealthPlan plan = read.get("plan") instanceof Map<?, ?> stored ? HealthPlan.fromOutput(cast(stored))
        // A watch begun before plans existed judges the deployed service alone, as it was told.
        : new HealthPlan(List.of(new HealthPlan.Target(d.service(), HealthPlan.Role.DEPLOYED, HealthPlan.GOLDEN,
            "deployed", List.of())), List.of());
    List<DeployNotice> otherDeploys = ctx.otherRunEvents(RUN_MEMORY).stream()
        .flatMap(e -> DeployNotice.from(e, new StringBuilder()).stream()).toList();
    List<PlanCheck.TargetCheck> checked = new ArrayList<>();
    try {
      for (HealthPlan.Target t : plan.targets()) {
        Planned planned;
        try {
          planned = planned(t, p);
        } catch (IllegalArgumentException e) {
          throw StepFailure.permanent(e.getMessage());
        }
        FalsePositiveMemory.Applied memory = FalsePositiveMemory.apply(planned.signals(), t.service(),
            FalsePositiveMemory.recall(ctx.falsePositives(t.service()), t.service(), planned.signals(),
                QueryDuration.format(duration(p, "rateWindow"))));
        Optional<String> own = t.role() == HealthPlan.Role.DEPLOYED ? Optional.empty()
            : ownDeploy(t, d, otherDeploys, windows.before().start(), checkAt);
        checked.add(new PlanCheck.TargetCheck(t, check.run(source, ctx.graph()::baseline, t.service(),
            memory.signals(), windows, duration(p, "rateWindow"), duration(p, "step")), memory.explanations(), own,
            planned.added()));
      }
    } catch (IntegrationFailure f) {
      if (f.retryable()) {
        throw StepFailure.retryable("metrics store unavailable for the +" + p.get(which) + " check of "
            + d.title() + ": " + f.getMessage(), f);
      }
      throw StepFailure.permanent("the +" + p.get(which) + " check of " + d.title() + " cannot read metrics: "
          + f.getMessage(), f);
    }
    PlanCheck result = new PlanCheck(checked);
    String graphUrl = (String) p.get("graphUrl");
    Verdict verdict = result.verdict();
    DeployContext context = DeployContext.fromOutput(read);
    DeployReport.Advice advice = new DeployReport.Advice(
        read.get("changes") instanceof Map<?, ?> c ? Optional.of(ChangeRange.fromOutput(cast(c))) : Optional.empty(),
        Optional.ofNullable((String) read.get("previous")).filter(s -> !s.isEmpty()), context.runbook());
    ChatPost post = DeployReport.card((String) p.get("channel"), d, result, since, last, graphUrl, advice);
    if (!context.owners().isEmpty()) {
      post = new ChatPost(post.channel(), post.text(),
          post.card().map(c -> c.withOwner(String.join(", ", context.owners()))), post.attachments(), post.thread());
    }
    ctx.post(post.inThread(thread(d)));
    for (PlanCheck.TargetCheck t : result.targets()) {
      Verdict v = t.verdict();
      if (t.counted() && (v == Verdict.FAIL || (last && v == Verdict.MARGINAL))) {
        ctx.report(finding(ctx, d, t, p.get(which), advice, context, graphUrl));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verdict", verdict.name());
    out.put("score", Double.isNaN(result.score()) ? -1 : Math.round(result.score()));
    result.primary().signals().forEach(r -> out.put(r.signal().name(), r.judgement().verdict().name()));
    Map<String, Object> services = new LinkedHashMap<>();
    result.targets().forEach(t -> services.put(t.service(), t.verdict().name() + (t.counted() ? "" : " (left to its own deploy)")));
    out.put("services", services);
    return last ? StepOutcome.done(out) : StepOutcome.thenWaitUntil(d.deployedAt().plus(duration(p, "late")), out);
  }

  private static FindingDraft finding(StepContext ctx, DeployNotice d, PlanCheck.TargetCheck t, Object at,
      DeployReport.Advice advice, DeployContext context, String graphUrl) {
    Verdict v = t.verdict();
    String failing = String.join(", ", t.result().signals().stream()
        .filter(r -> t.signalVerdict(r) == v).map(r -> r.signal().name()).toList());
    boolean deployed = t.target().role() == HealthPlan.Role.DEPLOYED;
    String word = DeployReport.word(v).toLowerCase(java.util.Locale.ROOT) + "s";
    String summary = deployed ? "deploy " + d.title() + " " + word + " at +" + at + ": " + failing
        : t.service() + " (" + t.target().role().word + ", " + t.target().why() + ") " + word + " at +" + at
            + " after deploy " + d.title() + ": " + failing;
    List<String> next = new ArrayList<>();
    next.add(v == Verdict.FAIL ? DeployReport.rollback(d, advice) : "watch " + failing + " of " + t.service()
        + " for the next hour");
    next.add(DeployReport.suspects(t, advice));
    next.add(context.runbook().map(r -> "follow the runbook " + r).orElse("no runbook is known for "
        + d.service() + " (add one to its catalog entry)"));
    next.add(context.owners().isEmpty() ? "no owner is known for " + d.service()
        : "tell " + String.join(", ", context.owners()));
    return new FindingDraft(v == Verdict.FAIL ? Severity.CRITICAL : Severity.WARNING, t.service(), summary,
        DeployReport.evidence(t.result(), graphUrl), next,
        "deploy-watch:" + ctx.agent().id() + ":" + d.eventId() + (deployed ? "" : ":" + t.service()));
  }

  /**
   * Another deploy, between the start of the before-window and the check, of a planned service that this
   * deploy did not ship, or of a changed service it is judged for (a caller of a service deployed meanwhile):
   * as the task's other runs were woken for it. That deploy then explains what the service did better.
   */
  private static Optional<String> ownDeploy(HealthPlan.Target t, DeployNotice mine, List<DeployNotice> others,
      Instant from, Instant checkAt) {
    List<String> services = new ArrayList<>(t.causes());
    services.add(t.service());
    services.remove(mine.service());
    return others.stream().filter(o -> services.contains(o.service()) && o.environment().equals(mine.environment())
        && !o.sha().equals(mine.sha()) && o.deployedAt().isAfter(from) && !o.deployedAt().isAfter(checkAt))
        .max(java.util.Comparator.comparing(DeployNotice::deployedAt))
        .map(o -> o.service().equals(t.service())
            ? t.service() + " was itself deployed (" + o.version() + " at " + o.deployedAt() + ")"
            : t.service() + " depends on " + o.service() + ", deployed meanwhile (" + o.version() + " at " + o.deployedAt() + ")");
  }

  /**
   * The changeset of the deploy from the commit deployed before it. Notes say why there is none: no
   * integration, no commit in the event, no known previous deploy, or a source that refused.
   *
   * @throws StepFailure retryable when the source is down for now
   */
  private static Optional<ChangeRange> readChanges(StepContext ctx, DeployNotice d, Map<String, String> labels,
      Map<String, Object> out, List<String> notes) throws StepFailure {
    Map<String, Object> p = ctx.parameters();
    String integration = (String) p.get("changes");
    Optional<ChangeRange.Previous> previous = ChangeRange.previous(d, labels, ctx.otherRunEvents(RUN_MEMORY));
    out.put("previous", previous.map(ChangeRange.Previous::sha).orElse(""));
    if (previous.isEmpty()) {
      notes.add("Changes: unknown. The commit deployed before is unknown (the event names none and no earlier deploy of "
          + d.service() + (d.environment().isEmpty() ? "" : " to " + d.environment()) + " was watched), so the plan"
          + " covers " + d.service() + " and its callers only.");
      return Optional.empty();
    }
    if (integration.isEmpty()) {
      notes.add("Changes: not read (no changes integration configured; set the parameter 'changes'); deployed before: "
          + previous.get().sha() + ", " + previous.get().how() + ".");
      return Optional.empty();
    }
    if (!ChangeRange.isSha(d.sha())) {
      notes.add("Changes: not read, the deploy event names no commit.");
      return Optional.empty();
    }
    String repository = ((String) p.get("repository")).isEmpty() ? d.repository() : (String) p.get("repository");
    if (repository.isEmpty()) {
      notes.add("Changes: not read, neither the event nor the parameter 'repository' names the repository.");
      return Optional.empty();
    }
    try {
      ChangeSource source = ctx.changes(integration);
      return Optional.of(ChangeRange.read(source, repository, previous.get().sha(), d.sha(),
          paths -> HealthPlan.servicesOf(ctx.graph(), repository, paths)));
    } catch (IntegrationFailure f) {
      if (f.retryable()) {
        throw StepFailure.retryable("cannot read the changes of " + d.title() + " from " + integration + " yet: "
            + f.getMessage(), f);
      }
      notes.add("Changes: could not be read from " + integration + ": " + f.getMessage() + ".");
    } catch (SecurityException e) {
      notes.add("Changes: refused: " + e.getMessage() + ".");
    }
    return Optional.empty();
  }

  /** The changes in the plan post: the range, then the commits (newest first, at most ten). */
  private static String describe(ChangeRange c) {
    StringBuilder out = new StringBuilder("Changes: " + c.commits().size() + (c.commits().size() == 1 ? " commit" : " commits")
        + " from " + shortSha(c.base()) + " (deployed before) to " + shortSha(c.head()) + ", " + c.files().size()
        + (c.files().size() == 1 ? " file" : " files") + (c.truncated() ? " (truncated)" : "") + ":");
    c.commits().stream().limit(10).forEach(x -> out.append("\n- ").append(x.describe())
        .append(x.services().isEmpty() ? "" : ": " + String.join(", ", x.services())));
    if (c.commits().size() > 10) {
      out.append("\n- and ").append(c.commits().size() - 10).append(" more");
    }
    if (!c.pullRequests().isEmpty()) {
      out.append("\nPull requests of ").append(shortSha(c.head())).append(": ").append(String.join("; ", c.pullRequests()));
    }
    return out.toString();
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  /**
   * What a planned service is judged on: its sets' signals in the plan's order, and the names of those from
   * sets added for what changed.
   */
  record Planned(List<SignalTemplate> signals, List<String> added) {
  }

  /**
   * The signals of a planned service's sets ({@link HealthPlan#GOLDEN}: the watch's own), in order. A signal
   * whose name an earlier set already has is left out: one name is one line, one chart and one false-positive
   * memory, and the earlier set (the watch's own templates first) is the one people wrote for the service.
   *
   * @throws IllegalArgumentException when the plan names a set this version does not know
   */
  static Planned planned(HealthPlan.Target t, Map<String, Object> p) {
    List<SignalTemplate> out = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (int i = 0; i < t.signals().size(); i++) {
      String set = t.signals().get(i);
      List<SignalTemplate> signals = set.equals(HealthPlan.GOLDEN) ? signals(p) : SignalSets.named(set)
          .orElseThrow(() -> new IllegalArgumentException("the plan names the unknown signal set '" + set + "'"));
      for (SignalTemplate s : signals) {
        if (out.stream().noneMatch(o -> o.name().equals(s.name()))) {
          out.add(s);
          if (i > 0) {
            added.add(s.name());
          }
        }
      }
    }
    return new Planned(out, added);
  }

  /**
   * The sets the plan adds for what changed, from the parameters: each a known set or empty (off).
   *
   * @throws IllegalArgumentException naming the parameter, the unknown set and the known ones
   */
  static HealthPlan.ChangeSets changeSets(Map<String, Object> p) {
    List<String> names = new ArrayList<>();
    for (String parameter : List.of("datastoreSignals", "runtimeSignals", "flagSignals")) {
      String set = ((String) p.getOrDefault(parameter, "")).strip();
      if (!set.isEmpty() && SignalSets.named(set).isEmpty()) {
        throw new IllegalArgumentException(parameter + ": unknown signal set '" + set + "' (known: "
            + String.join(", ", SignalSets.names()) + "; empty turns it off)");
      }
      names.add(set);
    }
    return new HealthPlan.ChangeSets(names.get(0), names.get(1), names.get(2));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /**
   * How a backtest of this task judges past deploys: its signals and its checks' delays and windows, from
   * the task's validated parameters.
   *
   * @throws IllegalArgumentException when the parameters name an unknown signal set or bad templates
   */
  public static DeployBacktest.Settings backtestSettings(Map<String, Object> p) {
    return new DeployBacktest.Settings(signals(p), List.of(duration(p, "early"), duration(p, "late")),
        duration(p, "before"), duration(p, "rateWindow"), duration(p, "step"));
  }

  /** The name of the task's signals for people: its set's, or {@code own templates}. */
  public static String signalsName(Map<String, Object> p) {
    return ((String) p.getOrDefault("signalTemplates", "")).isBlank() ? (String) p.get("signals") : "own templates";
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
