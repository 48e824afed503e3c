package dev.vigil.core.metrics;

import java.util.List;

/**
 * A labelled sequence of samples in time order: one sample for an instant vector element, many
 * for a range result.
 *
 * @param labels what identifies the series
 * @param samples oldest first
 */
public record Series(Labels labels, List<Sample> samples) {
  public Series {
    if (labels == null) {
      throw new IllegalArgumentException("series labels are required");
    }
    samples = samples == null ? List.of() : List.copyOf(samples);
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).time().isBefore(samples.get(i - 1).time())) {
        throw new IllegalArgumentException("samples of " + labels + " are not in time order at index " + i);
      }
    }
  }

  /** The newest sample; throws when there are none. */
  public Sample last() {
    if (samples.isEmpty()) {
      throw new IllegalStateException("series " + labels + " has no samples");
    }
    return samples.getLast();
  }
}
