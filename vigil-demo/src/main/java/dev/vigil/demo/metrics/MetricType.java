package dev.vigil.demo.metrics;

/** The metric types the shop exposes. */
public enum MetricType {
  COUNTER, GAUGE, HISTOGRAM;

  /** The word the exposition formats use. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
