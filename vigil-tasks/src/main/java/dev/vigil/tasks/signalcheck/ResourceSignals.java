package dev.vigil.tasks.signalcheck;

import dev.vigil.analysis.judge.Direction;
import dev.vigil.analysis.judge.Tolerance;
import dev.vigil.tasks.deploywatch.SignalSets;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signal sets for saturation and datastores, beside the request signals of the deploy watch's sets:
 * what a slow leak or a slow database looks like before it becomes an incident.
 *
 * <p>Tolerances: memory may grow 20% (caches warm up), CPU 30% or three robust standard deviations
 * (it follows traffic), a pool's use ten points of its size, PostgreSQL's p99 query time 50% or three
 * standard deviations (queries vary more than requests do).
 */
public final class ResourceSignals {
  private ResourceSignals() {
  }

  private static final Map<String, List<SignalTemplate>> SETS = Map.of(
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
              Direction.HIGHER_IS_WORSE, Tolerance.parse("0.005,3sd"), "ratio")));

  /** The signals of the named sets, in order; the deploy watch's sets are known here too. */
  public static List<SignalTemplate> named(List<String> names) {
    List<SignalTemplate> out = new ArrayList<>();
    for (String name : names) {
      List<SignalTemplate> set = Optional.ofNullable(SETS.get(name)).or(() -> SignalSets.named(name))
          .orElseThrow(() -> new IllegalArgumentException("unknown signal set '" + name + "' (known: "
              + String.join(", ", names()) + ")"));
      out.addAll(set);
    }
    return out;
  }

  public static List<String> names() {
    List<String> all = new ArrayList<>(SETS.keySet());
    all.addAll(SignalSets.names());
    return all.stream().sorted().toList();
  }
}
