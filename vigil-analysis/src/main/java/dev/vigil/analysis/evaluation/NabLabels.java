package dev.vigil.analysis.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The labels of one NAB data file.
 *
 * @param file the file's corpus-relative name, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param rows number of rows in the file, ≥ 1
 * @param windows the labelled windows in time order, non-overlapping, inside [0, rows)
 */
public record NabLabels(String file, int rows, List<NabWindow> windows) {
  public NabLabels {
    Objects.requireNonNull(file, "file");
    if (rows < 1) {
      throw new IllegalArgumentException(file + ": rows must be >= 1, got " + rows);
    }
    windows = List.copyOf(windows);
    for (int i = 0; i < windows.size(); i++) {
      NabWindow w = windows.get(i);
      if (w.last() >= rows) {
        throw new IllegalArgumentException(file + ": windows[" + i + "] ends at row " + w.last()
            + " but the file has " + rows + " rows");
      }
      if (i > 0 && w.first() <= windows.get(i - 1).last()) {
        throw new IllegalArgumentException(file + ": windows[" + i + "] starts at row " + w.first()
            + ", inside or before windows[" + (i - 1) + "] (windows must be sorted and disjoint)");
      }
    }
  }
}
