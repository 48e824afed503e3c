package dev.vigil.tasks.digest;

import dev.vigil.core.Durations;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingHistory;
import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.ParameterSchema;
import dev.vigil.core.task.ParameterSpec;
import dev.vigil.core.task.ParameterType;
import dev.vigil.core.task.PlannedStep;
import dev.vigil.core.task.StepContext;
import dev.vigil.core.task.StepFailure;
import dev.vigil.core.task.StepOutcome;
import dev.vigil.core.task.TaskKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A digest of the last {@code period}: findings of every agent the digest may read (its {@code findings:read}
 * grant on {@code findings}), deploys and alert noise from the context graph, in one post. A scheduled run is
 * written as of the instant it was scheduled for, so a digest delayed by a restart covers the period it was
 * meant to. Files no finding: it reports on findings.
 *
 * <p>Step: {@code write}.
 */
public final class DigestTaskKind implements TaskKind {
  private static final ParameterSchema PARAMETERS = ParameterSchema.of(
      ParameterSpec.required("channel", ParameterType.STRING, "where the digest is posted"),
      ParameterSpec.optional("period", ParameterType.DURATION, "24h", "how far back the digest looks"),
      ParameterSpec.optional("title", ParameterType.STRING, "Digest", "the digest's first words"),
      ParameterSpec.optional("services", ParameterType.STRING_LIST, List.of(),
          "only these services' findings and deploys (empty: all the grant allows)"));

  @Override
  public String name() {
    return "digest";
  }

  @Override
  public String description() {
    return "Posts a digest of the last period: findings opened, open, resolved and dismissed, deploys, and the"
        + " alerts that fired and the noisy ones.";
  }

  @Override
  public ParameterSchema parameters() {
    return PARAMETERS;
  }

  @Override
  public List<PlannedStep> plan(Map<String, Object> p) {
    List<String> services = services(p);
    return List.of(new PlannedStep("write", "the last " + p.get("period") + " of findings"
        + (services.isEmpty() ? "" : " on " + String.join(", ", services))
        + ", deploys and alert noise, posted to " + p.get("channel")));
  }

  @Override
  public StepOutcome execute(StepContext ctx) throws StepFailure {
    if (!ctx.stepName().equals("write")) {
      throw StepFailure.permanent("digest has no step '" + ctx.stepName() + "'");
    }
    Map<String, Object> p = ctx.parameters();
    Instant to = ctx.wakeReason() instanceof WakeReason.Scheduled s ? s.scheduledFor() : ctx.now();
    Instant from = to.minus(Durations.parse((String) p.get("period"), "period"));
    List<String> services = services(p);
    List<Finding> findings;
    try {
      findings = ctx.findingHistory().changedSince(from, FindingHistory.MAX).stream()
          .filter(f -> !f.updatedAt().isAfter(to))
          .filter(f -> services.isEmpty() || services.contains(f.service())).toList();
    } catch (SecurityException e) {
      throw StepFailure.permanent("denied: " + e.getMessage(), e);
    }
    Digest digest = new Digest((String) p.get("title"), from, to, findings, deploys(ctx.graph(), services, from, to),
        alerts(ctx.graph()));
    ctx.post(digest.post((String) p.get("channel")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from.toString());
    out.put("to", to.toString());
    out.put("opened", digest.opened().size());
    out.put("open", digest.stillOpen().size());
    out.put("deploys", digest.deploys().size());
    out.put("noisyAlerts", digest.noisy().stream().map(AlertNoise::alert).toList());
    return StepOutcome.done(out);
  }

  private static List<Deploy> deploys(ContextGraph graph, List<String> services, Instant from, Instant to) {
    LinkedHashSet<Deploy> out = new LinkedHashSet<>();
    for (Node service : graph.nodes(NodeKind.SERVICE)) {
      if (services.isEmpty() || services.contains(service.id().name())) {
        graph.recentChanges(service.id(), 0, from, to).stream()
            .filter(d -> d.service().equals(service.id())).forEach(out::add);
      }
    }
    return new ArrayList<>(out);
  }

  private static List<AlertNoise> alerts(ContextGraph graph) {
    return graph.nodes(NodeKind.ALERT_RULE).stream().map(n -> graph.noise(n.id().name())).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> services(Map<String, Object> p) {
    return (List<String>) p.getOrDefault("services", List.of());
  }
}
