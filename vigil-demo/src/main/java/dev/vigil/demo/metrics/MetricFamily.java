package dev.vigil.demo.metrics;

import java.util.List;
import java.util.Objects;

/**
 * A metric family: its samples share a name (plus {@code _total}, {@code _bucket}, {@code _sum} or
 * {@code _count} as the type requires), a type and a help text.
 *
 * @param name the family name without suffixes, e.g. {@code http_server_requests}
 */
public record MetricFamily(String name, MetricType type, String help, List<MetricSample> samples) {
  public MetricFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    samples = List.copyOf(samples);
  }
}
