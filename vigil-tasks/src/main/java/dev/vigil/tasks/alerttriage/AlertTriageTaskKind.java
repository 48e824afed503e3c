package dev.vigil.tasks.alerttriage;

import dev.vigil.core.event.Event;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.outbox.ChatPost;
import dev.vigil.core.task.ParameterSchema;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.ParameterType;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import dev.vigil.tasks.signalcheck.SignalParameters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first responder for alerts. Wakes on an Alertmanager notification; for a firing alert it judges the
 * alerting service's signals and its direct dependencies' (from the moments before the alert began until
 * now, against the hour before and last week), lines the alert up with recent deploys, reads the alert's
 * noise history, owners and runbook from the context graph, and posts all of it in the alert's thread. Only
 * an alert its signals confirm becomes a finding; a resolution is noted in the same thread.
 *
 * <p>Step: {@code triage}.
 */
public final class AlertTriageTaskKind implements TaskKind {
  private static final ParameterSchema PARAMETERS = ParameterSchema.of(
      SignalParameters.METRICS,
      ParameterSpec.required("channel", ParameterType.STRING, "where triage is posted (one thread per alert)"),
      ParameterSpec.optional("alerts", ParameterType.STRING_LIST, List.of(),
          "only these alert names (empty: every alert)"),
      SignalParameters.SIGNAL_SETS,
      ParameterSpec.optional("lead", ParameterType.DURATION, "3m",
          "how long before the alert began the judged minutes start (cover the rule's 'for')"),
      ParameterSpec.optional("window", ParameterType.DURATION, "3m", "the shortest stretch judged"),
      ParameterSpec.optional("before", ParameterType.DURATION, "1h", "the stretch before it, compared with"),
      ParameterSpec.optional("changesWithin", ParameterType.DURATION, "2h",
          "deploys this long before the alert began are suspects"),
      SignalParameters.RATE_WINDOW, SignalParameters.STEP);

  private final AlertTriage triage = new AlertTriage();

  @Override
  public String name() {
    return "alert-triage";
  }

  @Override
  public String description() {
    return "First responder for Alertmanager alerts: confirms or dismisses each firing alert from its service's"
        + " and dependencies' signals, names the suspect deploy, the alert's noise history, owners and runbook.";
  }

  @Override
  public ParameterSchema parameters() {
    return PARAMETERS;
  }

  @Override
  public List<PlannedStep> plan(Map<String, Object> p) {
    List<String> alerts = alerts(p);
    return List.of(new PlannedStep("triage", "on each " + (alerts.isEmpty() ? "alert" : String.join(", ", alerts))
        + ": judge " + String.join(", ", SignalParameters.signals(p).stream().map(s -> s.name()).toList())
        + " of the alert's service and its direct dependencies from " + p.get("lead") + " before it began until now"
        + " vs the " + p.get("before") + " before and last week; deploys within " + p.get("changesWithin")
        + "; noise history, owners and runbook from the graph; post in " + p.get("channel")
        + ", a finding only when the signals confirm it"));
  }

  @Override
  public StepOutcome execute(StepContext ctx) throws StepFailure {
    if (!ctx.stepName().equals("triage")) {
      throw StepFailure.permanent("alert-triage has no step '" + ctx.stepName() + "'");
    }
    Map<String, Object> p = ctx.parameters();
    Event event = ctx.event().orElseThrow(() -> StepFailure.permanent("alert-triage wakes on Alertmanager"
        + " notifications; this run woke on " + ctx.wakeReason()));
    AlertNotice notice;
    try {
      notice = AlertNotice.of(event);
    } catch (IllegalArgumentException e) {
      throw StepFailure.permanent(e.getMessage(), e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("alert", notice.alert());
    out.put("service", notice.service());
    List<String> only = alerts(p);
    if (!only.isEmpty() && !only.contains(notice.alert())) {
      out.put("skipped", notice.alert() + " is not among " + only);
      return StepOutcome.done(out);
    }
    String channel = (String) p.get("channel");
    if (!notice.firing()) {
      ctx.post(ChatPost.text(channel, notice.title() + " resolved at " + notice.at() + ". "
          + ctx.graph().noise(notice.alert()).reason()).inThread(notice.threadKey()));
      out.put("resolved", notice.at().toString());
      return StepOutcome.done(out);
    }
    AlertTriage.Result result;
    try {
      result = triage.triage(notice, ctx.metrics((String) p.get("metrics")), ctx.graph(), ctx.now(), settings(p));
    } catch (IntegrationFailure f) {
      if (f.retryable()) {
        throw StepFailure.retryable("metrics store unavailable while triaging " + notice.title() + ": "
            + f.getMessage(), f);
      }
      throw StepFailure.permanent("cannot read the signals for " + notice.title() + ": " + f.getMessage(), f);
    }
    ctx.post(AlertTriageReport.post(channel, result));
    AlertTriageReport.finding(result, "alert-triage:" + ctx.agent().id() + ":" + ctx.taskName()).ifPresent(ctx::report);
    out.put("conclusion", result.conclusion().name());
    out.put("noise", result.noise().verdict().name());
    result.suspectDeploy().ifPresent(d -> out.put("suspectDeploy", d.service().name() + " " + d.version()));
    out.put("worseDependencies", result.worseDependencies().stream().map(d -> d.service()).toList());
    return StepOutcome.done(out);
  }

  static AlertTriage.Settings settings(Map<String, Object> p) {
    return new AlertTriage.Settings(SignalParameters.signals(p), SignalParameters.duration(p, "lead"),
        SignalParameters.duration(p, "window"), SignalParameters.duration(p, "before"),
        SignalParameters.duration(p, "rateWindow"), SignalParameters.duration(p, "step"),
        SignalParameters.duration(p, "changesWithin"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> alerts(Map<String, Object> p) {
    return (List<String>) p.getOrDefault("alerts", List.of());
  }
}
