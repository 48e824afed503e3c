package dev.vigil.tasks.deploywatch;

import dev.vigil.analysis.Sample;
import dev.vigil.analysis.Series;
import dev.vigil.analysis.judge.Comparison;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The picture behind a verdict line: the signal before and after the deploy against the band it was
 * allowed to move in (the before-window's median plus or minus the tolerance), the same minutes a
 * week earlier in grey, and the deploy as a vertical line at minute 0.
 */
final class DeployChart {
  private static final Color NOW = new Color(0x1f, 0x5f, 0xbf);
  private static final Color BAND = new Color(0x2e, 0x8b, 0x57);
  private static final Color WEEK = new Color(0x99, 0x99, 0x99);

  private DeployChart() {
  }

  /** A PNG of about 800 by 360 pixels. */
  static byte[] png(DeployNotice deploy, String service, DeployCheck.SignalResult r) {
    XYChart chart = new XYChartBuilder().width(800).height(360)
        .title(service + " " + r.signal().name() + " around " + (service.equals(deploy.service()) ? ""
            : deploy.service() + " ") + deploy.version() + ": "
            + DeployReport.word(r.judgement().verdict()))
        .xAxisTitle("minutes since the deploy").yAxisTitle(r.signal().unit()).build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.InsideNW);
    styler.setChartBackgroundColor(Color.WHITE);
    Instant at = deploy.deployedAt();
    List<Sample> now = new ArrayList<>(r.before().samples());
    now.addAll(r.after().samples());
    if (now.isEmpty()) {
      now.add(new Sample(at, 0));
    }
    XYSeries observed = chart.addSeries("observed", minutes(now, at, Duration.ZERO), values(now));
    observed.setLineColor(NOW);
    observed.setMarker(SeriesMarkers.NONE);
    if (!r.lastWeek().isEmpty()) {
      XYSeries week = chart.addSeries("a week earlier", minutes(r.lastWeek().samples(), at, Duration.ofDays(7)),
          values(r.lastWeek().samples()));
      week.setLineColor(WEEK);
      week.setMarker(SeriesMarkers.NONE);
    }
    Comparison before = r.judgement().vsBefore();
    if (Double.isFinite(before.referenceMedian()) && Double.isFinite(before.allowedShift())) {
      double first = minutes(now, at, Duration.ZERO)[0];
      double last = Math.max(first + 1, minutes(now, at, Duration.ZERO)[now.size() - 1]);
      double allowed = before.allowedShift();
      double[] edges = {before.referenceMedian() + allowed, before.referenceMedian() - allowed};
      String[] names = {"allowed band", "allowed band (lower edge)"};
      for (int i = 0; i < edges.length; i++) {
        XYSeries band = chart.addSeries(names[i], new double[] {first, last}, new double[] {edges[i], edges[i]});
        band.setLineColor(BAND);
        band.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(i == 0);
      }
    }
    chart.addAnnotation(new AnnotationLine(0, true, false));
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the chart of " + r.signal().name(), e);
    }
  }

  private static double[] minutes(List<Sample> samples, Instant deployedAt, Duration shift) {
    double[] x = new double[samples.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = Duration.between(deployedAt, samples.get(i).timestamp().plus(shift)).toMillis() / 60_000.0;
    }
    return x;
  }

  private static double[] values(List<Sample> samples) {
    return samples.stream().mapToDouble(Sample::value).toArray();
  }
}
