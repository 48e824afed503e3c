package dev.vigil.demo.metrics;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects scrapes over time and writes them as one OpenMetrics document, the input of {@code promtool
 * tsdb create-blocks-from openmetrics}. The format wants each family's samples together and each
 * series' samples in time order, while a simulation produces every series at once, tick by tick: so
 * the history is held in memory, column by column (about 12 bytes a sample), and written at the end.
 * A series that appears late (a new version's build info) or stops (the old one's) simply has fewer
 * samples. Not thread-safe.
 */
public final class OpenMetricsHistory {
  private final Map<String, FamilyColumns> families = new LinkedHashMap<>();
  private long samples;
  private long lastSecond = Long.MIN_VALUE;

  /** Adds one scrape taken at {@code at}; scrapes must come in time order. */
  public void add(Instant at, List<MetricFamily> scrape) {
    long second = at.getEpochSecond();
    if (second <= lastSecond) {
      throw new IllegalArgumentException("scrapes must come in time order: " + at + " is not after the last one");
    }
    lastSecond = second;
    for (MetricFamily f : scrape) {
      FamilyColumns columns = families.computeIfAbsent(f.name(), n -> new FamilyColumns(f));
      for (MetricSample s : f.samples()) {
        columns.series.computeIfAbsent(s.series(), k -> new Column(s.name(), s.labels())).add(second, s.value());
        samples++;
      }
    }
  }

  /** Samples held so far. */
  public long samples() {
    return samples;
  }

  /** Writes the document, ending with {@code # EOF}. */
  public void write(Writer out) throws IOException {
    StringBuilder line = new StringBuilder(160);
    for (FamilyColumns f : families.values()) {
      out.write("# TYPE " + f.family.name() + " " + f.family.type().word() + "\n");
      out.write("# HELP " + f.family.name() + " " + f.family.help() + "\n");
      for (Column c : f.series.values()) {
        for (int i = 0; i < c.size; i++) {
          line.setLength(0);
          line.append(c.name).append(c.labels).append(' ').append(Exposition.number(c.values[i])).append(' ')
              .append(c.seconds[i]).append('\n');
          out.append(line);
        }
      }
    }
    out.write("# EOF\n");
  }

  private static final class FamilyColumns {
    final MetricFamily family;
    final Map<String, Column> series = new LinkedHashMap<>();

    FamilyColumns(MetricFamily family) {
      this.family = family;
    }
  }

  private static final class Column {
    final String name;
    final String labels;
    long[] seconds = new long[256];
    double[] values = new double[256];
    int size;

    Column(String name, String labels) {
      this.name = name;
      this.labels = labels;
    }

    void add(long second, double value) {
      if (size == seconds.length) {
        seconds = Arrays.copyOf(seconds, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      seconds[size] = second;
      values[size++] = value;
    }
  }
}
