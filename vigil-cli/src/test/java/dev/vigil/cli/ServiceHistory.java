package dev.vigil.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The metrics of one HTTP service with two instances over a few hours, at 15 s, as OpenMetrics for
 * promtool: request counters by code, a latency histogram and each process's start time, with
 * deploys that restart the instances (a rolling deploy: the second one a minute after the first) and
 * change the latency and the 5xx ratio from a given moment. Requests are drawn from a seeded random
 * source (latency log-normal), so the answers of a test are known and repeatable.
 */
final class ServiceHistory {
  private static final Duration TICK = Duration.ofSeconds(15);
  private static final double[] BUCKETS = {0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  private static final double MEDIAN_LATENCY = 0.08;
  private static final double REQUESTS_PER_SECOND = 20;

  /** A deploy at {@code at}; from {@code effectAt} on, latency is multiplied and 5xx added. */
  record Deploy(Instant at, Instant effectAt, double latencyFactor, double errorRatio) {
  }

  private final String service;
  private final Instant start;
  private final Instant end;
  private final List<Deploy> deploys = new ArrayList<>();

  ServiceHistory(String service, Instant start, Instant end) {
    this.service = service;
    this.start = start;
    this.end = end;
  }

  ServiceHistory deploy(Instant at, double latencyFactor, double errorRatio) {
    return deploy(at, at, latencyFactor, errorRatio);
  }

  ServiceHistory deploy(Instant at, Instant effectAt, double latencyFactor, double errorRatio) {
    deploys.add(new Deploy(at, effectAt, latencyFactor, errorRatio));
    return this;
  }

  /** Writes the history, ending with {@code # EOF}. */
  Path write(Path file) throws IOException {
    int ticks = (int) (Duration.between(start, end).toSeconds() / TICK.toSeconds()) + 1;
    int instances = 2;
    long[][] started = new long[instances][ticks];
    double[][][] buckets = new double[instances][BUCKETS.length + 1][ticks];
    double[][] sums = new double[instances][ticks];
    double[][] ok = new double[instances][ticks];
    double[][] failed = new double[instances][ticks];
    Random random = new Random(7);
    for (int i = 0; i < instances; i++) {
      long startedAt = start.minus(Duration.ofHours(1)).getEpochSecond();
      double[] cumulative = new double[BUCKETS.length + 1];
      double sum = 0;
      double okTotal = 0;
      double failedTotal = 0;
      for (int t = 0; t < ticks; t++) {
        Instant now = start.plus(TICK.multipliedBy(t));
        double factor = 1;
        double errors = 0.002;
        for (Deploy d : deploys) {
          Instant restart = d.at().plus(Duration.ofMinutes(i));
          if (!now.isBefore(restart)) {
            startedAt = Math.max(startedAt, restart.getEpochSecond());
          }
          if (!now.isBefore(d.effectAt())) {
            factor = d.latencyFactor();
            errors = d.errorRatio() > 0 ? d.errorRatio() : 0.002;
          }
        }
        long requests = Math.round(REQUESTS_PER_SECOND * TICK.toSeconds() + random.nextGaussian()
            * Math.sqrt(REQUESTS_PER_SECOND * TICK.toSeconds()));
        for (long r = 0; r < requests; r++) {
          double latency = MEDIAN_LATENCY * factor * Math.exp(0.4 * random.nextGaussian());
          sum += latency;
          for (int b = 0; b <= BUCKETS.length; b++) {
            if (b == BUCKETS.length || latency <= BUCKETS[b]) {
              cumulative[b]++;
            }
          }
          if (random.nextDouble() < errors) {
            failedTotal++;
          } else {
            okTotal++;
          }
        }
        started[i][t] = startedAt;
        for (int b = 0; b <= BUCKETS.length; b++) {
          buckets[i][b][t] = cumulative[b];
        }
        sums[i][t] = sum;
        ok[i][t] = okTotal;
        failed[i][t] = failedTotal;
      }
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("# TYPE process_start_time_seconds gauge\n");
      for (int i = 0; i < instances; i++) {
        for (int t = 0; t < ticks; t++) {
          line(out, "process_start_time_seconds", labels(i, ""), started[i][t], t);
        }
      }
      out.write("# TYPE http_server_requests counter\n");
      for (int i = 0; i < instances; i++) {
        for (int t = 0; t < ticks; t++) {
          line(out, "http_server_requests_total", labels(i, ",code=\"200\""), ok[i][t], t);
        }
        for (int t = 0; t < ticks; t++) {
          line(out, "http_server_requests_total", labels(i, ",code=\"500\""), failed[i][t], t);
        }
      }
      out.write("# TYPE http_server_request_duration_seconds histogram\n");
      for (int i = 0; i < instances; i++) {
        for (int b = 0; b <= BUCKETS.length; b++) {
          String le = b == BUCKETS.length ? "+Inf" : Double.toString(BUCKETS[b]);
          for (int t = 0; t < ticks; t++) {
            line(out, "http_server_request_duration_seconds_bucket", labels(i, ",le=\"" + le + "\""),
                buckets[i][b][t], t);
          }
        }
        for (int t = 0; t < ticks; t++) {
          line(out, "http_server_request_duration_seconds_count", labels(i, ""), buckets[i][BUCKETS.length][t], t);
        }
        for (int t = 0; t < ticks; t++) {
          line(out, "http_server_request_duration_seconds_sum", labels(i, ""), sums[i][t], t);
        }
      }
      out.write("# EOF\n");
    }
    return file;
  }

  private String labels(int instance, String more) {
    return "{job=\"web\",instance=\"" + service + "-" + instance + ":8080\",service=\"" + service + "\"" + more + "}";
  }

  private void line(BufferedWriter out, String name, String labels, double value, int tick) throws IOException {
    out.write(name + labels + " " + String.format(Locale.ROOT, "%.6f", value) + " "
        + start.plus(TICK.multipliedBy(tick)).getEpochSecond() + "\n");
  }
}
