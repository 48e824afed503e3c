package dev.vigil.tasks.alerttriage;

import dev.vigil.analysis.judge.Verdict;
import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.port.MetricSource;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import dev.vigil.tasks.signalcheck.ServiceCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Triage of one firing alert, the way an on-call engineer does it in the first minutes: are the alerting
 * service's own signals actually worse than the hour before and last week (the alert may be a threshold
 * on noise), is one of the services it depends on worse (the cause may be downstream), what was deployed
 * to it or its neighbours shortly before the alert began, whether this alert is known noise, who owns it
 * and where its runbook is.
 *
 * <p>The verdict rests on the signals, never on the alert's own say-so: {@link Conclusion#CONFIRMED}
 * when a signal of the service or of a dependency fails, {@link Conclusion#NOT_CONFIRMED} when its signals were
 * judged and are normal, {@link Conclusion#NOT_ENOUGH_DATA} when they could not be judged (no service
 * label, no series). Noise history only explains; it does not overrule the signals.
 */
public final class AlertTriage {
  /** At most this many direct dependencies are judged, so a hub service cannot make triage slow. */
  static final int MAX_DEPENDENCIES = 6;
  private final ServiceCheck check = new ServiceCheck();

  /** The judged minutes never reach back further than this, however late the triage runs. */
  static final Duration MAX_WINDOW = Duration.ofHours(1);

  /**
   * How the signals are read.
   *
   * @param lead how long before the alert began the judged minutes start: a rule with {@code for: 2m}
   *     fires two minutes after its condition became true, and those minutes are the evidence
   * @param window the shortest judged stretch, so that a triage right after the alert still has points
   * @param before the stretch before the judged minutes they are compared with
   */
  public record Settings(List<SignalTemplate> signals, Duration lead, Duration window, Duration before,
      Duration rateWindow, Duration step, Duration changesWithin) {
    public Settings {
      signals = List.copyOf(signals);
      Objects.requireNonNull(lead, "lead");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(rateWindow, "rateWindow");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(changesWithin, "changesWithin");
    }

    /** From {@code lead} before the alert began until the triage, at least {@code window}, at most an hour. */
    public Duration judged(Instant alertBegan, Instant asOf) {
      Duration since = Duration.between(alertBegan, asOf);
      Duration d = (since.isNegative() ? Duration.ZERO : since).plus(lead);
      d = d.compareTo(window) < 0 ? window : d;
      return d.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : d;
    }
  }

  public enum Conclusion {
    CONFIRMED,
    NOT_CONFIRMED,
    NOT_ENOUGH_DATA
  }

  /**
   * What triage found.
   *
   * @param own the alerting service's check; empty when the alert names no service
   * @param worseDependencies direct dependencies with a failing signal
   * @param deploys deploys of the service and its direct neighbours from {@code changesWithin} before the
   *     alert began until now, newest first
   * @param owners who owns the service (and is on call), as the graph names them
   * @param runbook the alert's runbook, else the service's
   */
  public record Result(AlertNotice notice, Instant asOf, Optional<ServiceCheck.Result> own,
      List<ServiceCheck.Result> worseDependencies, List<Deploy> deploys, AlertNoise noise, List<String> owners,
      Optional<String> runbook) {
    public Result {
      Objects.requireNonNull(notice, "notice");
      Objects.requireNonNull(asOf, "asOf");
      Objects.requireNonNull(own, "own");
      worseDependencies = List.copyOf(worseDependencies);
      deploys = List.copyOf(deploys);
      Objects.requireNonNull(noise, "noise");
      owners = List.copyOf(owners);
      Objects.requireNonNull(runbook, "runbook");
    }

    public Conclusion conclusion() {
      boolean ownWorse = own.map(r -> confirms(r.verdict())).orElse(false);
      if (ownWorse || !worseDependencies.isEmpty()) {
        return Conclusion.CONFIRMED;
      }
      return own.map(r -> r.verdict() == Verdict.NOT_ENOUGH_DATA ? Conclusion.NOT_ENOUGH_DATA
          : Conclusion.NOT_CONFIRMED).orElse(Conclusion.NOT_ENOUGH_DATA);
    }

    /**
     * The deploy of the alerting service itself that came last before the alert began: the first
     * suspect, as long as it came within the look-back.
     */
    public Optional<Deploy> suspectDeploy() {
      return notice.serviceName().flatMap(s -> deploys.stream()
          .filter(d -> d.service().name().equals(s) && !d.at().isAfter(notice.at()))
          .max(Comparator.comparing(Deploy::at)));
    }
  }

  public Result triage(AlertNotice notice, MetricSource metrics, ContextGraph graph, Instant asOf, Settings settings)
      throws IntegrationFailure {
    Optional<ServiceCheck.Result> own = Optional.empty();
    List<ServiceCheck.Result> worseDependencies = new ArrayList<>();
    List<Deploy> deploys = List.of();
    LinkedHashSet<String> owners = new LinkedHashSet<>();
    Optional<String> service = notice.serviceName();
    if (service.isPresent()) {
      NodeId id = NodeId.service(service.get());
      Duration judged = settings.judged(notice.at(), asOf);
      own = Optional.of(run(metrics, graph, service.get(), asOf, judged, settings));
      for (ContextGraph.Reached dependency : graph.neighbours(id, ContextGraph.Direction.DEPENDENCIES, 1).stream()
          .limit(MAX_DEPENDENCIES).toList()) {
        ServiceCheck.Result r = run(metrics, graph, dependency.node().name(), asOf, judged, settings);
        if (confirms(r.verdict())) {
          worseDependencies.add(r);
        }
      }
      deploys = graph.recentChanges(id, 1, notice.at().minus(settings.changesWithin()), asOf).stream()
          .sorted(Comparator.comparing(Deploy::at).reversed()).toList();
      graph.owners(id).forEach(o -> owners.add(o.who().toString()));
    }
    // The graph knows an alert rule only once its history source has seen it fire; until then the
    // service's own runbook is the one to follow.
    Optional<String> runbook = graph.runbookFor(notice.alert())
        .or(() -> service.flatMap(s -> graph.runbookOf(NodeId.service(s)))).map(graph::runbookUrl);
    return new Result(notice, asOf, own, worseDependencies, deploys, graph.noise(notice.alert()),
        new ArrayList<>(owners), runbook);
  }

  private ServiceCheck.Result run(MetricSource metrics, ContextGraph graph, String service, Instant asOf,
      Duration judged, Settings s) throws IntegrationFailure {
    return check.run(metrics, graph::baseline, service, s.signals(), asOf, judged, s.before(), s.rateWindow(),
        s.step());
  }

  /**
   * Only a failing signal confirms an alert: a marginal one is within reach of normal, and an alert that
   * fires on it is exactly the threshold-on-noise the triage is there to call out.
   */
  static boolean confirms(Verdict v) {
    return v == Verdict.FAIL;
  }
}
