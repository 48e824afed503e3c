package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.demo.shop.Scenario;
import dev.vigil.demo.shop.Shop;
import dev.vigil.integrations.testing.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The exported benchmark loaded the way {@code ./vigil bench deploys} loads it: promtool backfills
 * {@code metrics/shop.om} into a real Prometheus, and every case of {@code scenarios.jsonl} is there, at
 * its time, with the effect its label promises.
 */
class ShopExportIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path out;
  private static ScriptedServer prometheus;

  @BeforeAll
  static void exportAndLoad() throws IOException {
    out = Files.createTempDirectory("vigil-shop-export");
    // Two-minute samples halve the file; five-minute rate windows still hold two of them.
    ShopExport.export(ShopExport.parse(new String[] {"--out", out.toString(), "--seed", "42", "--step", "2m"}),
        new PrintStream(new ByteArrayOutputStream()));
    prometheus = ScriptedServer.start("prometheus", "--openmetrics", out.resolve("metrics/shop.om").toString());
  }

  @AfterAll
  static void stop() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void every_case_is_running_its_version_five_minutes_after_its_deploy_time() throws Exception {
    List<JsonNode> cases = Files.readAllLines(out.resolve("scenarios.jsonl")).stream().map(JSON::readTree).toList();
    assertThat(cases).hasSize(42);
    for (JsonNode c : cases) {
      String id = c.get("id").asString();
      String service = c.get("service").asString();
      String version = id.substring(service.length() + 2);
      Instant at = Instant.parse(c.get("deployedAt").asString()).plusSeconds(300);
      assertThat(query("shop_build_info{service=\"" + service + "\",version=\"" + version + "\"}", at))
          .as(id + " at +5m").hasSize(1);
    }
  }

  @Test
  void severe_regressions_show_in_the_signal_templates_queries_and_good_deploys_keep_their_error_ratio()
      throws Exception {
    String p99 = "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket"
        + "{service=\"$service\"}[10m])))";
    String errors = "sum(rate(http_server_requests_total{service=\"$service\",code=~\"5..\"}[10m]))"
        + " / sum(rate(http_server_requests_total{service=\"$service\"}[10m]))";
    Instant week = ShopExport.DEFAULT_START.plusSeconds(7 * 86400);
    int checked = 0;
    for (Scenario.BenchmarkDeploy c : Scenario.benchmarkWeek(Shop.standard(), 42, week)) {
      String service = c.deploy().service();
      Instant at = c.effect().at();
      double errorsAfter = value(errors.replace("$service", service), at.plusSeconds(900));
      if (c.deploy().addedErrorRatio() >= 0.03) {
        assertThat(errorsAfter).as(c.deploy().describe()).isGreaterThan(0.02);
        checked++;
      } else if (!c.expectedFail()) {
        assertThat(errorsAfter).as(c.deploy().describe()).isLessThan(0.01);
      }
      if (c.deploy().latencyFactor() >= 3) {
        double before = value(p99.replace("$service", service), at.minusSeconds(60));
        double after = value(p99.replace("$service", service), at.plusSeconds(900));
        assertThat(after).as(c.deploy().describe()).isGreaterThan(1.5 * before);
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(6);
  }

  private static double value(String promql, Instant at) throws Exception {
    JsonNode result = query(promql, at);
    assertThat(result).as(promql + " at " + at).hasSize(1);
    return Double.parseDouble(result.get(0).get("value").get(1).asString());
  }

  private static JsonNode query(String promql, Instant at) throws Exception {
    String url = prometheus.get("VIGIL_PROM_URL") + "/api/v1/query?time=" + at.getEpochSecond() + "&query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("data").get("result");
  }
}
