package dev.vigil.demo.metrics;

import java.util.Objects;

/**
 * One series' value at one instant.
 *
 * @param name the sample name as written, e.g. {@code http_server_requests_total} or {@code ..._bucket}
 * @param labels the label set already rendered in a fixed order, e.g. {@code {service="cart",code="200"}}
 * @param value the value; counters only grow between restarts
 */
public record MetricSample(String name, String labels, double value) {
  public MetricSample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
  }

  /** The series this sample belongs to: name and labels. */
  public String series() {
    return name + labels;
  }
}
