package dev.vigil.tasks.httpcheck;

import dev.vigil.core.Durations;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.port.HttpProbe;
import dev.vigil.core.task.ParameterSchema;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.ParameterType;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Probes a URL and judges the answer: a finding (with the probe as evidence) when the status is
 * not the expected one, when no answer arrives, or when it is slower than allowed; a post to the
 * channel when one is given. Silence when healthy.
 *
 * <p>Steps: {@code probe} (the request, retried when it cannot connect: one failed connection is
 * not an outage), {@code judge}.
 */
public final class HttpCheckTaskKind implements TaskKind {
  private static final ParameterSchema PARAMETERS = ParameterSchema.of(
      ParameterSpec.required("url", ParameterType.URL, "the http(s) URL to GET"),
      ParameterSpec.optional("expectStatus", ParameterType.INTEGER, 200, "the HTTP status that means healthy"),
      ParameterSpec.optional("maxLatency", ParameterType.DURATION, "2s", "slower answers are a finding"),
      ParameterSpec.optional("timeout", ParameterType.DURATION, "10s", "give up waiting after this long"),
      ParameterSpec.optional("service", ParameterType.STRING, "", "service the URL belongs to, for the finding"),
      ParameterSpec.optional("severity", ParameterType.STRING, "warning", "severity of the finding: info, warning, critical"),
      ParameterSpec.optional("channel", ParameterType.STRING, "", "chat channel to post findings to (empty: none)"),
      ParameterSpec.optional("retries", ParameterType.INTEGER, 1, "extra probes when the first cannot connect"));

  @Override
  public String name() {
    return "http-check";
  }

  @Override
  public String description() {
    return "Probes a URL; files a finding when the status or the latency is off.";
  }

  @Override
  public ParameterSchema parameters() {
    return PARAMETERS;
  }

  @Override
  public List<PlannedStep> plan(Map<String, Object> p) {
    return List.of(
        new PlannedStep("probe", "GET " + p.get("url") + " (timeout " + p.get("timeout") + ")"),
        new PlannedStep("judge", "expect HTTP " + p.get("expectStatus") + " within " + p.get("maxLatency")
            + (String.valueOf(p.getOrDefault("channel", "")).isEmpty() ? "" : "; post findings to " + p.get("channel"))));
  }

  @Override
  public StepOutcome execute(StepContext ctx) throws StepFailure {
    return switch (ctx.stepName()) {
      case "probe" -> probe(ctx);
      case "judge" -> judge(ctx);
      default -> throw StepFailure.permanent("http-check has no step '" + ctx.stepName() + "'");
    };
  }

  private StepOutcome probe(StepContext ctx) throws StepFailure {
    URI url = URI.create((String) ctx.parameters().get("url"));
    Duration timeout = Durations.parse((String) ctx.parameters().get("timeout"), "timeout");
    Instant from = ctx.now();
    HttpProbe.Result result = ctx.httpProbe().probe(url, timeout);
    long retries = ((Number) ctx.parameters().get("retries")).longValue();
    if (result.status().isEmpty() && ctx.attempt() <= retries) {
      throw StepFailure.retryable("no answer from " + url + ": " + result.error().orElse("unknown error"), null);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from.toString());
    out.put("to", ctx.now().toString());
    out.put("latencyMs", result.latency().toMillis());
    result.status().ifPresent(s -> out.put("status", s));
    result.error().ifPresent(e -> out.put("error", e));
    out.put("attempts", ctx.attempt());
    return StepOutcome.done(out);
  }

  private StepOutcome judge(StepContext ctx) {
    Map<String, Object> p = ctx.parameters();
    Map<String, Object> probe = ctx.previousOutputs().get("probe");
    String url = (String) p.get("url");
    long expected = ((Number) p.get("expectStatus")).longValue();
    Duration maxLatency = Durations.parse((String) p.get("maxLatency"), "maxLatency");
    long latencyMs = ((Number) probe.get("latencyMs")).longValue();
    Instant from = Instant.parse((String) probe.get("from"));
    Instant to = Instant.parse((String) probe.get("to"));
    List<String> problems = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    String query = "GET " + url;
    if (!probe.containsKey("status")) {
      problems.add("no answer (" + probe.get("error") + ")");
      evidence.add(new Evidence(query, from, to, "no response: " + probe.get("error"), "HTTP " + expected, Optional.of(url)));
    } else {
      long status = ((Number) probe.get("status")).longValue();
      if (status != expected) {
        problems.add("HTTP " + status + " instead of " + expected);
        evidence.add(new Evidence(query, from, to, "HTTP " + status, "HTTP " + expected, Optional.of(url)));
      }
      if (latencyMs > maxLatency.toMillis()) {
        problems.add("slow: " + latencyMs + " ms > " + maxLatency.toMillis() + " ms");
        evidence.add(new Evidence(query, from, to, latencyMs + " ms", "<= " + maxLatency.toMillis() + " ms", Optional.of(url)));
      }
    }
    if (problems.isEmpty()) {
      return StepOutcome.done(Map.of("verdict", "healthy", "latencyMs", latencyMs));
    }
    String summary = url + ": " + String.join("; ", problems);
    Severity severity = Severity.parse((String) p.get("severity"));
    String service = (String) p.get("service");
    ctx.report(new FindingDraft(severity, service, summary, evidence,
        List.of("open " + url + " and check the service's logs", "check recent deploys of " + (service.isEmpty() ? "the service" : service)),
        "http-check:" + ctx.agent().id() + ":" + ctx.taskName() + ":" + url));
    String channel = (String) p.get("channel");
    if (!channel.isEmpty()) {
      ctx.post(channel, "[" + severity + "] " + summary + " (checked " + to + ", agent " + ctx.agent().id() + ")");
    }
    return StepOutcome.done(Map.of("verdict", "unhealthy", "problems", problems));
  }
}
