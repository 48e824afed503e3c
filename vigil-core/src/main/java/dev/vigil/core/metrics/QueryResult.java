package dev.vigil.core.metrics;

import java.time.Instant;
import java.util.List;

/**
 * What a metric query answered: one of the four PromQL result types. Switch over the cases; each
 * carries the warnings the store sent (e.g. partial data from a Thanos store that was down).
 */
public sealed interface QueryResult {
  /** Messages the store attached to an otherwise successful answer, never null. */
  List<String> warnings();

  /** An instant vector: each series holds exactly one sample. */
  record Vector(List<Series> series, List<String> warnings) implements QueryResult {
    public Vector {
      series = List.copyOf(series);
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
      for (Series s : series) {
        if (s.samples().size() != 1) {
          throw new IllegalArgumentException(
              "an instant vector element holds one sample, " + s.labels() + " has " + s.samples().size());
        }
      }
    }
  }

  /** A range result: each series holds its samples over the range, oldest first. */
  record Matrix(List<Series> series, List<String> warnings) implements QueryResult {
    public Matrix {
      series = List.copyOf(series);
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
  }

  /** A single number, e.g. {@code scalar(...)} or {@code 1 + 1}. */
  record Scalar(Sample sample, List<String> warnings) implements QueryResult {
    public Scalar {
      if (sample == null) {
        throw new IllegalArgumentException("scalar result needs a sample");
      }
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
  }

  /** A string literal evaluated at a time; rare, but valid PromQL. */
  record Text(Instant time, String value, List<String> warnings) implements QueryResult {
    public Text {
      if (time == null || value == null) {
        throw new IllegalArgumentException("string result needs a time and a value");
      }
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
  }
}
