package dev.vigil.core.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The label set that identifies a series, metric name included under {@code __name__}. Sorted by
 * label name so that two equal sets print and compare the same.
 *
 * @param values label name to value; names are non-empty, values may be empty
 */
public record Labels(SortedMap<String, String> values) {
  public static final String METRIC_NAME = "__name__";
  private static final Labels EMPTY = new Labels(new TreeMap<>());

  public Labels {
    if (values == null) {
      throw new IllegalArgumentException("labels are required (use Labels.empty())");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty()) {
        throw new IllegalArgumentException("label name must not be empty in " + values);
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("label '" + e.getKey() + "' has no value");
      }
      copy.put(e.getKey(), e.getValue());
    }
    values = Collections.unmodifiableSortedMap(copy);
  }

  public static Labels empty() {
    return EMPTY;
  }

  public static Labels of(Map<String, String> values) {
    return new Labels(new TreeMap<>(values));
  }

  /** {@code of("__name__", "up", "job", "api")}: names and values alternating. */
  public static Labels of(String... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got an odd count");
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      map.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return new Labels(map);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The metric name, empty for results of expressions that drop it (e.g. {@code rate}). */
  public Optional<String> metricName() {
    return get(METRIC_NAME);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(values.getOrDefault(METRIC_NAME, "")).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(e.getKey()).append('=').append(LabelMatcher.quote(e.getValue()));
    }
    return out.append('}').toString();
  }
}
