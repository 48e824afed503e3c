package dev.vigil.bench.engine;

import java.util.List;
import java.util.Map;

/** The engine benchmark's result as the Markdown table in docs/benchmarks.md. */
final class EngineBenchReport {
  private EngineBenchReport() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> result, List<String> databases) {
    Map<String, Object> standby = (Map<String, Object>) result.get("standbyAgents");
    Map<String, Object> latency = (Map<String, Object>) result.get("eventToRunStartMs");
    Map<String, Object> steps = (Map<String, Object>) result.get("stepsPerSecond");
    Map<String, Object> rss = (Map<String, Object>) result.get("idleRssMb");
    StringBuilder md = new StringBuilder();
    md.append("| figure | ").append(String.join(" | ", databases)).append(" | target |\n");
    md.append("|---|").append("---|".repeat(databases.size())).append("---|\n");
    row(md, "standby agents", databases, db -> get(standby, db, "agents"), "100,000");
    row(md, "heap per standby agent (bytes)", databases, db -> get(standby, db, "heapBytesPerAgent"), "≤ 1,024");
    row(md, "startup to ready with them (s)", databases, db -> get(standby, db, "startupToReadySeconds"), "≤ 5");
    row(md, "startup to ready, empty database (s)", databases, db -> get(standby, db, "startupToReadySecondsEmpty"), "");
    Map<String, Object> first = (Map<String, Object>) latency.getOrDefault(databases.getFirst(), Map.of());
    for (String rate : first.keySet()) {
      row(md, "event → first step p50 at " + rate + "/s (ms)", databases, db -> get(latency, db, rate, "p50"), "");
      row(md, "event → first step p99 at " + rate + "/s (ms)", databases, db -> get(latency, db, rate, "p99"),
          rate.equals("200") ? "< 100" : "");
      row(md, "achieved rate at " + rate + "/s", databases, db -> get(latency, db, rate, "achievedRate"), "");
    }
    row(md, "checkpointed steps per second", databases, db -> String.valueOf(steps.get(db)), "≥ 1,000 (PostgreSQL)");
    row(md, "idle RSS after startup (MiB)", databases, db -> String.valueOf(rss.get(db)), "≤ 350");
    row(md, "RSS with the standby agents (MiB)", databases, db -> get(standby, db, "rssMb"), "");
    md.append("\nMedians of ").append(result.get("rounds")).append(" rounds; ").append(result.get("machine")).append('\n');
    return md.toString();
  }

  /** p50 and p99 from webhook to first step, per database and rate, beside the 100 ms target. */
  @SuppressWarnings("unchecked")
  static java.nio.file.Path latencyChart(Map<String, Object> result, List<String> databases) {
    Map<String, Object> latency = (Map<String, Object>) result.get("eventToRunStartMs");
    List<String> categories = new java.util.ArrayList<>();
    List<Double> p50 = new java.util.ArrayList<>();
    List<Double> p99 = new java.util.ArrayList<>();
    for (String db : databases) {
      Map<String, Object> rates = (Map<String, Object>) latency.get(db);
      for (String rate : rates.keySet()) {
        categories.add(db + " at " + rate + "/s");
        p50.add(number(latency, db, rate, "p50"));
        p99.add(number(latency, db, rate, "p99"));
      }
    }
    return new dev.vigil.bench.charts.BarChart("Webhook accepted to first step started (median of rounds)", "milliseconds",
        categories).series("p50", p50).series("p99", p99).target("target p99 at 200/s", 100).write("engine");
  }

  private static double number(Map<String, Object> section, String... path) {
    String v = get(section, path);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static void row(StringBuilder md, String name, List<String> dbs, java.util.function.Function<String, String> cell,
      String target) {
    md.append("| ").append(name).append(" | ");
    for (String db : dbs) md.append(cell.apply(db)).append(" | ");
    md.append(target).append(" |\n");
  }

  @SuppressWarnings("unchecked")
  private static String get(Map<String, Object> section, String... path) {
    Object node = section;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> m)) return "–";
      node = ((Map<String, Object>) m).get(key);
    }
    return node == null ? "–" : String.valueOf(node);
  }
}
