package dev.vigil.integrations.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Two hours of metric history with known answers, as OpenMetrics text (what promtool backfills),
 * one sample a minute up to {@code end}:
 *
 * <ul>
 *   <li>{@code up}: 1 for instances a, b (namespace payments) and c (checkout);
 *   <li>{@code http_requests_total}: growing 60 (payments, 200), 6 (payments, 500) and 120
 *       (checkout, 200) per minute, so rates of 1, 0.1 and 2 per second;
 *   <li>{@code request_duration_seconds} (payments): buckets growing 30 (le 0.1), 54 (le 0.5) and 60
 *       (+Inf) per minute, so the 0.7 quantile is 0.3;
 *   <li>{@code cache_hit_ratio} (payments): NaN throughout.
 * </ul>
 *
 * Payments holds 10 series, checkout 2.
 */
public final class MetricFixture {
  public static final Duration HISTORY = Duration.ofHours(2);

  private MetricFixture() {}

  public static String openMetrics(Instant end) {
    StringBuilder out = new StringBuilder();
    out.append("# TYPE up gauge\n");
    for (String labels : List.of("{namespace=\"checkout\",service=\"api\",instance=\"c\"}",
        "{namespace=\"payments\",service=\"api\",instance=\"a\"}",
        "{namespace=\"payments\",service=\"worker\",instance=\"b\"}")) {
      series(out, "up" + labels, end, i -> "1");
    }
    out.append("# TYPE http_requests counter\n");
    series(out, "http_requests_total{namespace=\"payments\",service=\"api\",code=\"200\"}", end, i -> "" + i * 60);
    series(out, "http_requests_total{namespace=\"payments\",service=\"api\",code=\"500\"}", end, i -> "" + i * 6);
    series(out, "http_requests_total{namespace=\"checkout\",service=\"api\",code=\"200\"}", end, i -> "" + i * 120);
    out.append("# TYPE request_duration_seconds histogram\n");
    long minutes = HISTORY.toMinutes();
    String labels = "namespace=\"payments\",service=\"api\"";
    for (long i = 0; i <= minutes; i++) {
      long t = end.minus(Duration.ofMinutes(minutes - i)).getEpochSecond();
      for (String[] bucket : new String[][] {{"0.1", "" + i * 30}, {"0.5", "" + i * 54}, {"+Inf", "" + i * 60}}) {
        out.append("request_duration_seconds_bucket{").append(labels).append(",le=\"").append(bucket[0])
            .append("\"} ").append(bucket[1]).append(' ').append(t).append('\n');
      }
      out.append("request_duration_seconds_count{").append(labels).append("} ").append(i * 60).append(' ')
          .append(t).append('\n');
      out.append("request_duration_seconds_sum{").append(labels).append("} ").append(i * 12).append(' ')
          .append(t).append('\n');
    }
    out.append("# TYPE cache_hit_ratio gauge\n");
    series(out, "cache_hit_ratio{namespace=\"payments\",service=\"api\"}", end, i -> "NaN");
    return out.append("# EOF\n").toString();
  }

  private static void series(StringBuilder out, String name, Instant end, LongFunction<String> value) {
    long minutes = HISTORY.toMinutes();
    for (long i = 0; i <= minutes; i++) {
      out.append(name).append(' ').append(value.apply(i)).append(' ')
          .append(end.minus(Duration.ofMinutes(minutes - i)).getEpochSecond()).append('\n');
    }
  }
}
