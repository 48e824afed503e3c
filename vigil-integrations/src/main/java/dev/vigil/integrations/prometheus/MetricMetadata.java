package dev.vigil.integrations.prometheus;

/**
 * What the targets say about a metric family ({@code /api/v1/metadata}).
 *
 * @param metric the family name, e.g. {@code http_requests_total}
 * @param type counter, gauge, histogram, summary, gaugehistogram, info, stateset or unknown
 * @param help the HELP text, may be empty
 * @param unit the UNIT, usually empty
 */
public record MetricMetadata(String metric, String type, String help, String unit) {
  public MetricMetadata {
    if (metric == null || metric.isEmpty()) {
      throw new IllegalArgumentException("metadata needs a metric name");
    }
    type = type == null ? "unknown" : type;
    help = help == null ? "" : help;
    unit = unit == null ? "" : unit;
  }
}
