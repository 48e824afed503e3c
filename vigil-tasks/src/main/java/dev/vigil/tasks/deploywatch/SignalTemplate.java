package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.judge.Direction;
import dev.vigil.analysis.judge.Tolerance;
import java.util.Objects;

/**
 * A golden signal written once per environment: a PromQL query with {@code $service} (and
 * {@code $window}, the rate window) left open, which way is worse, and how much worse is tolerated.
 *
 * @param name e.g. {@code latency_p99}
 * @param query PromQL with {@code $service} and optionally {@code $window}
 * @param direction which way is worse
 * @param tolerance how far the after-window may move the bad way and still pass
 * @param unit how values read: {@code s}, {@code ratio}, {@code /s}, any other word, or empty
 */
public record SignalTemplate(String name, String query, Direction direction, Tolerance tolerance, String unit) {
  public SignalTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(unit, "unit");
    if (!query.contains("$service")) {
      throw new IllegalArgumentException("signal " + name + ": the query must name $service");
    }
  }

  /**
   * The query for one service. The name was checked to be a plain name, so it needs no escaping
   * inside the label matcher's quotes.
   */
  public String render(String service, String window) {
    return query.replace("$service", service).replace("$window", window);
  }

  /** A value in this signal's unit, for a person: {@code 412 ms}, {@code 4.1%}, {@code 5.3/s}. */
  public String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return switch (unit) {
      case "s" -> value < 1 ? String.format(java.util.Locale.ROOT, "%.0f ms", value * 1000)
          : String.format(java.util.Locale.ROOT, "%.2f s", value);
      case "ratio" -> String.format(java.util.Locale.ROOT, "%.2f%%", value * 100);
      case "/s" -> String.format(java.util.Locale.ROOT, "%.1f/s", value);
      case "bytes" -> String.format(java.util.Locale.ROOT, "%.0f MiB", value / (1024 * 1024));
      default -> (String.format(java.util.Locale.ROOT, "%.4g ", value) + unit).strip();
    };
  }
}
