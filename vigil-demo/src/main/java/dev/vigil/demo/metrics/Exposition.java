package dev.vigil.demo.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Prometheus' text exposition format (version 0.0.4), the format a scrape answers with. */
public final class Exposition {
  /** The content type a scrape answer declares. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private Exposition() {
  }

  public static String text(List<MetricFamily> families) {
    StringBuilder out = new StringBuilder(64 * 1024);
    write(families, out);
    return out.toString();
  }

  public static void write(List<MetricFamily> families, Appendable out) {
    try {
      for (MetricFamily f : families) {
        // The 0.0.4 format names a counter's family with its _total suffix; OpenMetrics does not.
        String name = f.type() == MetricType.COUNTER ? f.name() + "_total" : f.name();
        out.append("# HELP ").append(name).append(' ').append(f.help()).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(f.type().word()).append('\n');
        for (MetricSample s : f.samples()) {
          out.append(s.name()).append(s.labels()).append(' ').append(number(s.value())).append('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value as both formats accept it, integers without a fraction so that files stay small. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
