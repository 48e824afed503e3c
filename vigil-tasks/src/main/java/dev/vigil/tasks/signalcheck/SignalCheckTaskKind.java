package dev.vigil.tasks.signalcheck;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.MetricSource;
import dev.vigil.core.task.ParameterSchema;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.ParameterType;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import dev.vigil.tasks.deploywatch.DeployNotice;
import dev.vigil.tasks.deploywatch.DeployReport;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks services' signals on a schedule: for each listed service, the last {@code window} against the
 * hour before, last week and the week's range. A service that got worse gets a finding (one per service,
 * its occurrences counting the checks that saw it) and a card in the channel; healthy services are silent.
 *
 * <p>Step: {@code check}. It is evaluated as of the instant the run was scheduled for when a schedule woke
 * it (a check delayed by a restart judges the minutes it was meant to), else as of now.
 */
public final class SignalCheckTaskKind implements TaskKind {
  private static final ParameterSchema PARAMETERS = ParameterSchema.of(
      SignalParameters.METRICS,
      ParameterSpec.required("channel", ParameterType.STRING, "where worse services are posted"),
      ParameterSpec.required("services", ParameterType.STRING_LIST, "the services to check"),
      SignalParameters.SIGNAL_SETS,
      ParameterSpec.optional("window", ParameterType.DURATION, "15m", "the recent minutes judged"),
      ParameterSpec.optional("before", ParameterType.DURATION, "1h", "the stretch before them they are compared with"),
      SignalParameters.RATE_WINDOW, SignalParameters.STEP);

  private final ServiceCheck check = new ServiceCheck();

  @Override
  public String name() {
    return "signal-check";
  }

  @Override
  public String description() {
    return "Checks services' request, saturation and datastore signals against the hour before, last week and"
        + " the week's range; files a finding for each service that got worse.";
  }

  @Override
  public ParameterSchema parameters() {
    return PARAMETERS;
  }

  @Override
  public List<PlannedStep> plan(Map<String, Object> p) {
    List<SignalTemplate> signals = SignalParameters.signals(p);
    return List.of(new PlannedStep("check", "for " + String.join(", ", services(p)) + ": "
        + String.join(", ", signals.stream().map(SignalTemplate::name).toList()) + " over the last " + p.get("window")
        + " vs the " + p.get("before") + " before, last week and the week's range; findings to " + p.get("channel")));
  }

  @Override
  public StepOutcome execute(StepContext ctx) throws StepFailure {
    if (!ctx.stepName().equals("check")) {
      throw StepFailure.permanent("signal-check has no step '" + ctx.stepName() + "'");
    }
    Map<String, Object> p = ctx.parameters();
    Instant asOf = ctx.wakeReason() instanceof dev.vigil.core.run.WakeReason.Scheduled s ? s.scheduledFor() : ctx.now();
    MetricSource source = ctx.metrics((String) p.get("metrics"));
    List<SignalTemplate> signals = SignalParameters.signals(p);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("asOf", asOf.toString());
    List<String> worse = new ArrayList<>();
    for (String service : services(p)) {
      ServiceCheck.Result r;
      try {
        r = check.run(source, ctx.graph()::baseline, service, signals, asOf, SignalParameters.duration(p, "window"),
            SignalParameters.duration(p, "before"), SignalParameters.duration(p, "rateWindow"),
            SignalParameters.duration(p, "step"));
      } catch (IntegrationFailure f) {
        if (f.retryable()) {
          throw StepFailure.retryable("metrics store unavailable while checking " + service + ": " + f.getMessage(), f);
        }
        throw StepFailure.permanent("cannot read the signals of " + service + ": " + f.getMessage(), f);
      }
      out.put(service, r.verdict().name());
      if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.MARGINAL) {
        worse.add(service);
        report(ctx, r, asOf);
      }
    }
    out.put("worse", worse);
    return StepOutcome.done(out);
  }

  private static void report(StepContext ctx, ServiceCheck.Result r, Instant asOf) {
    Map<String, Object> p = ctx.parameters();
    Severity severity = r.verdict() == Verdict.FAIL ? Severity.CRITICAL : Severity.WARNING;
    String names = r.worseNames();
    String summary = r.service() + " got worse: " + names + " (" + DeployReport.word(r.verdict()) + " as of " + asOf
        + ")";
    FindingCard card = r.withWorseLines(FindingCard.of(r.service() + ": " + names + " "
        + DeployReport.word(r.verdict()), severity, "the last " + p.get("window") + " against the " + p.get("before")
        + " before, last week and the week's range"));
    StringBuilder text = new StringBuilder("signal-check ").append(summary).append('\n');
    r.worseLines().forEach(line -> text.append("- ").append(line).append('\n'));
    List<Evidence> evidence = r.worseEvidence();
    ctx.post(ChatPost.card((String) p.get("channel"), text.toString().stripTrailing(), card));
    ctx.report(new FindingDraft(severity, r.service(), summary, evidence,
        List.of("look at " + r.service() + "'s " + names + " since " + r.check().windows().after().start(),
            "check what changed in " + r.service() + " and what it depends on in the last hours"),
        "signal-check:" + ctx.agent().id() + ":" + ctx.taskName() + ":" + r.service()));
  }

  @SuppressWarnings("unchecked")
  private static List<String> services(Map<String, Object> p) {
    List<String> services = (List<String>) p.get("services");
    services.forEach(DeployNotice::requirePlainName);
    if (services.isEmpty()) {
      throw new IllegalArgumentException("services must name at least one service");
    }
    return services;
  }
}
