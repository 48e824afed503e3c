package dev.vigil.analysis.evaluation;

import java.util.Objects;

/**
 * A detector's anomaly scores for one labelled NAB file.
 *
 * @param labels the file's labels
 * @param scores one anomaly score per row, in row order; copied on construction, and {@link #scores()} hands
 *     out the record's own array (not a copy, to keep corpus sweeps cheap), which callers must not modify
 */
public record NabRun(NabLabels labels, double[] scores) {
  public NabRun {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(scores, "scores");
    if (scores.length != labels.rows()) {
      throw new IllegalArgumentException(labels.file() + ": " + scores.length + " scores for " + labels.rows()
          + " rows");
    }
    scores = scores.clone();
  }
}
