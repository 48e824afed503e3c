package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Direction;
import dev.vigil.analysis.judge.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The golden signals of common exporters, so that a deploy watch works before anyone writes a
 * template: latency p99, 5xx ratio and traffic, each named the way the exporter names them.
 *
 * <p>Tolerances: latency may rise 20% (p99 is noisy) or three robust standard deviations of the
 * reference, whichever is larger; the 5xx ratio half a percentage point; traffic may halve before it
 * counts (it follows the time of day, a deploy rarely moves it, and when it does clients cannot reach
 * the service).
 */
public final class SignalSets {
  private SignalSets() {
  }

  private static final Tolerance LATENCY = Tolerance.parse("20%,3sd");
  private static final Tolerance ERRORS = Tolerance.parse("0.005,3sd");
  private static final Tolerance TRAFFIC = Tolerance.parse("50%");

  private static List<SignalTemplate> http(String bucket, String count, String service, String code) {
    String sel = "{" + service + "=\"$service\"}";
    String errors = "{" + service + "=\"$service\"," + code + "=~\"5..\"}";
    return List.of(
        new SignalTemplate("latency_p99", "histogram_quantile(0.99, sum by (le) (rate(" + bucket + sel
            + "[$window])))", Direction.HIGHER_IS_WORSE, LATENCY, "s"),
        new SignalTemplate("error_ratio", "sum(rate(" + count + errors + "[$window])) / sum(rate(" + count + sel
            + "[$window]))", Direction.HIGHER_IS_WORSE, ERRORS, "ratio"),
        new SignalTemplate("traffic", "sum(rate(" + count + sel + "[$window]))", Direction.LOWER_IS_WORSE, TRAFFIC,
            "/s"));
  }

  private static final Map<String, List<SignalTemplate>> SETS = Map.of(
      // A histogram and a request counter with a `code` label, labelled by `service`.
      "prometheus-http", http("http_server_request_duration_seconds_bucket", "http_server_requests_total",
          "service", "code"),
      // OpenTelemetry's HTTP semantic conventions through the Prometheus exporter.
      "opentelemetry", http("http_server_request_duration_seconds_bucket", "http_server_request_duration_seconds_count",
          "service_name", "http_response_status_code"),
      // Spring Boot's Micrometer timers (with percentile histograms on), tagged by application.
      "micrometer", http("http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
          "application", "status"));

  /*
   * Saturation and datastores: what a slow leak or a slow database looks like. Memory may grow 20% (caches
   * warm up), CPU 30% or three robust standard deviations (it follows traffic), a pool's use ten points of
   * its size, PostgreSQL's p99 query time 50% or three standard deviations (queries vary more than requests).
   */
  private static final Map<String, List<SignalTemplate>> RESOURCES = Map.of(
      "process", List.of(
          new SignalTemplate("memory", "max(process_resident_memory_bytes{service=\"$service\"})",
              Direction.HIGHER_IS_WORSE, Tolerance.parse("20%"), "bytes"),
          new SignalTemplate("cpu", "sum(rate(process_cpu_seconds_total{service=\"$service\"}[$window]))",
              Direction.HIGHER_IS_WORSE, Tolerance.parse("30%,3sd"), "cores")),
      "pool", List.of(
          new SignalTemplate("pool_used", "sum(db_client_connections_usage{service=\"$service\",state=\"used\"})"
              + " / sum(db_client_connections_max{service=\"$service\"})", Direction.HIGHER_IS_WORSE,
              Tolerance.parse("0.1"), "ratio")),
      "postgres", List.of(
          new SignalTemplate("query_p99", "histogram_quantile(0.99, sum by (le) (rate("
              + "pg_query_duration_seconds_bucket{service=\"$service\"}[$window])))", Direction.HIGHER_IS_WORSE,
              Tolerance.parse("50%,3sd"), "s"),
          new SignalTemplate("rollback_ratio", "sum(rate(pg_stat_database_xact_rollback_total{service=\"$service\"}"
              + "[$window])) / (sum(rate(pg_stat_database_xact_commit_total{service=\"$service\"}[$window]))"
              + " + sum(rate(pg_stat_database_xact_rollback_total{service=\"$service\"}[$window])))",
              Direction.HIGHER_IS_WORSE, Tolerance.parse("0.005,3sd"), "ratio")),
      // kube-state-metrics, for a deploy that changed configuration or the image (the deploy watch's
      // runtimeSignals). Its series carry no service label: the container and the deployment are taken to be
      // named after the service. A rollout does not count as restarts: it replaces pods, and a new pod's
      // containers start at 0, so what rises is a container that keeps dying. Restarts are counted over five
      // minutes, not the rate window, because the kubelet's crash-loop back-off grows to five minutes between
      // restarts: a shorter window sees a crash loop only now and then. One restart in five minutes (a pod
      // killed once) is tolerated, two are not. Unavailable replicas are the pods a
      // rollout still waits for (a stalled rollout keeps the old pods serving: the golden signals stay calm).
      "kubernetes", List.of(
          new SignalTemplate("restarts", "sum(increase(kube_pod_container_status_restarts_total"
              + "{container=\"$service\"}[5m]))", Direction.HIGHER_IS_WORSE, Tolerance.parse("1.5"), "restarts"),
          new SignalTemplate("unavailable_replicas", "sum(kube_deployment_status_replicas_unavailable"
              + "{deployment=\"$service\"})", Direction.HIGHER_IS_WORSE, Tolerance.parse("0.5"), "replicas")),
      // OpenFeature's OpenTelemetry metrics hook, for a deploy that changed feature flags (flagSignals): the
      // share of the service's flag evaluations that failed (the provider unreachable, a flag missing or of
      // the wrong type), labelled by the OpenTelemetry resource's service.name as the Collector writes it.
      "openfeature", List.of(
          new SignalTemplate("flag_error_ratio", "sum(rate(feature_flag_evaluation_error_total"
              + "{service_name=\"$service\"}[$window])) / sum(rate(feature_flag_evaluation_requests_total"
              + "{service_name=\"$service\"}[$window]))", Direction.HIGHER_IS_WORSE, Tolerance.parse("0.01,3sd"),
              "ratio")));

  /** The set of that name. */
  public static Optional<List<SignalTemplate>> named(String name) {
    return Optional.ofNullable(SETS.get(name)).or(() -> Optional.ofNullable(RESOURCES.get(name)));
  }

  /** Every set's name, for messages. */
  public static List<String> names() {
    List<String> all = new ArrayList<>(SETS.keySet());
    all.addAll(RESOURCES.keySet());
    return all.stream().sorted().toList();
  }
}
