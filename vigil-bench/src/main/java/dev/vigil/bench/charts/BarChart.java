package dev.vigil.bench.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * A grouped bar chart: one group per category (a detector, a log system), one bar per series (a profile, a
 * parser), and optional horizontal target lines, written as {@code target/bench/<name>.png}.
 *
 * <p>Built up with {@link #series} and {@link #target}, then {@link #write}. Not thread-safe; one per chart.
 */
public final class BarChart {
  // A palette that stays distinguishable in grey print and for the common colour-vision deficiencies.
  private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
      new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00)};
  private static final Color TARGET = new Color(0xC00000);

  private final String title;
  private final String yTitle;
  private final List<String> categories;
  private final Map<String, List<Double>> series = new LinkedHashMap<>();
  private final Map<String, Double> targets = new LinkedHashMap<>();
  private Double yMax;

  /**
   * A chart with the given title, y-axis title and categories (x-axis labels, in order).
   *
   * @throws IllegalArgumentException when there are no categories
   */
  public BarChart(String title, String yTitle, List<String> categories) {
    this.title = Objects.requireNonNull(title, "title");
    this.yTitle = Objects.requireNonNull(yTitle, "yTitle");
    this.categories = List.copyOf(categories);
    if (this.categories.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one category");
    }
  }

  /**
   * Adds a series; a NaN value draws no bar (e.g. no published figure for that category).
   *
   * @throws IllegalArgumentException when the number of values differs from the number of categories
   */
  public BarChart series(String name, List<Double> values) {
    if (values.size() != categories.size()) {
      throw new IllegalArgumentException("series '" + name + "' has " + values.size() + " values for "
          + categories.size() + " categories");
    }
    series.put(name, List.copyOf(values));
    return this;
  }

  /** Adds a horizontal line at {@code value}, labelled {@code name} in the legend. */
  public BarChart target(String name, double value) {
    targets.put(name, value);
    return this;
  }

  /** Fixes the top of the y axis (e.g. 1 for accuracies) instead of fitting the data. */
  public BarChart yMax(double max) {
    this.yMax = max;
    return this;
  }

  private double highest() {
    double max = 0;
    for (List<Double> values : series.values()) {
      for (double v : values) {
        max = Double.isFinite(v) ? Math.max(max, v) : max;
      }
    }
    for (double t : targets.values()) {
      max = Math.max(max, t);
    }
    return max;
  }

  /** Draws the chart into {@code target/bench/<name>.png}, next to the runner's JSON, and returns the file. */
  public Path write(String name) {
    return write(Path.of("target", "bench"), name);
  }

  /** Draws the chart into {@code dir/<name>.png} and returns the file. */
  public Path write(Path dir, String name) {
    System.setProperty("java.awt.headless", "true");
    CategoryChart chart = new CategoryChartBuilder().width(1100).height(520).title(title).yAxisTitle(yTitle)
        .build();
    CategoryStyler style = chart.getStyler();
    style.setLegendPosition(Styler.LegendPosition.OutsideS);
    style.setLegendLayout(Styler.LegendLayout.Horizontal);
    style.setXAxisLabelRotation(categories.size() > 8 ? 35 : 0);
    style.setAvailableSpaceFill(0.8);
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotGridVerticalLinesVisible(false);
    style.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    style.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    style.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    if (yMax != null) {
      style.setYAxisMax(yMax);
    }
    style.setYAxisMin(0.0);
    List<Color> colors = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, List<Double>> s : series.entrySet()) {
      chart.addSeries(s.getKey(), categories, s.getValue());
      colors.add(PALETTE[i++ % PALETTE.length]);
    }
    style.setSeriesColors(colors.toArray(Color[]::new));
    // Targets are lines across the whole plot with their label above the right end, not legend entries: a
    // line series in a category chart would stop short at the outer bars.
    style.setAnnotationLineColor(TARGET);
    style.setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    style.setAnnotationTextFontColor(TARGET);
    style.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    double top = yMax != null ? yMax : highest();
    for (Map.Entry<String, Double> t : targets.entrySet()) {
      chart.addAnnotation(new AnnotationLine(t.getValue(), false, false));
      chart.addAnnotation(new AnnotationText(t.getKey(), categories.size() - 1, t.getValue() + 0.03 * top,
          false));
    }
    Path file = dir.resolve(name + ".png");
    try {
      Files.createDirectories(dir);
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    System.out.println(name + ": wrote " + file.toAbsolutePath());
    return file;
  }
}
