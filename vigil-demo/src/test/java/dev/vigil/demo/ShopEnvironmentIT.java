package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.integrations.testing.ScriptedServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The demo environment end to end on the real components: the shop's history is backfilled by the
 * real promtool, the real Prometheus scrapes the live shop and evaluates the shop's alert rules, and
 * sends what fires to the real Alertmanager. The bad-deploy scenario is played four times faster.
 */
class ShopEnvironmentIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ScriptedServer environment;
  private static String prometheus;

  @BeforeAll
  static void start() throws IOException {
    Path data = Files.createTempDirectory("vigil-demo-env");
    String java = ProcessHandle.current().info().command().orElse("java");
    String classes = ShopClasspath.of();
    environment = ScriptedServer.start("demo-env", "--data-dir", data.toString(), "--java", java, "--classpath",
        classes, "--history", "6h", "--scenario", "bad-deploy", "--time-scale", "0.25", "--seed", "11");
    prometheus = environment.get("VIGIL_PROM_URL");
  }

  @AfterAll
  static void stop() {
    if (environment != null) {
      environment.close();
    }
  }

  @Test
  void prometheusHoldsTheBackfilledHistoryAndTheLiveScrapesAsOneSeries() throws Exception {
    JsonNode history = query("count_over_time(http_server_requests_total{service=\"frontend\",code=\"200\"}[6h])");
    assertThat(history.size()).as("one series: history and live samples share their labels").isEqualTo(1);
    assertThat(history.get(0).get("value").get(1).asDouble()).as("a sample a minute for about 6 hours")
        .isGreaterThan(340);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(query("up{job=\"shop\"} == 1").size()).isEqualTo(1));
    JsonNode yesterday = query("sum(rate(http_server_requests_total{service=\"frontend\"}[5m] offset 3h))");
    assertThat(yesterday.get(0).get("value").get(1).asDouble()).isGreaterThan(5);
  }

  @Test
  void theBadDeployShowsInLiveDataAndItsAlertGoesPending() {
    await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(query("shop_build_info{service=\"checkout\",version=\"2.4.0\"}").size()).isEqualTo(1);
      JsonNode ratio = query("sum(rate(http_server_requests_total{service=\"checkout\",code=~\"5..\"}[1m]))"
          + " / sum(rate(http_server_requests_total{service=\"checkout\"}[1m]))");
      assertThat(ratio.size()).isEqualTo(1);
      assertThat(ratio.get(0).get("value").get(1).asDouble()).isGreaterThan(0.03);
      assertThat(query("ALERTS{alertname=\"HighErrorRatio\",service=\"checkout\"}").size()).isEqualTo(1);
    });
  }

  @Test
  void theShopsRulesAreLoadedAndAlertsGoToTheRealAlertmanager() throws Exception {
    JsonNode groups = get(prometheus + "/api/v1/rules").get("data").get("groups");
    assertThat(groups.findValuesAsString("name")).contains("HighErrorRatio", "SearchLatencyJitter", "MemoryHigh");
    assertThat(groups.findValues("health")).allSatisfy(h -> assertThat(h.asString()).isEqualTo("ok"));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(get(prometheus + "/api/v1/alertmanagers").get("data").get("activeAlertmanagers").get(0)
            .get("url").asString()).startsWith(environment.get("VIGIL_AM_URL")));
  }

  @Test
  void theShopsGitRepositoryIsWrittenWithTheBadDeployAsATaggedCommit() throws Exception {
    Path repo = Path.of(environment.get("SHOP_REPO"));
    assertThat(repo.endsWith(Path.of("git", "acme", "shop"))).as("the git integration names it acme/shop").isTrue();
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(repo.toFile())) {
      var tag = git.getRepository().exactRef("refs/tags/checkout-v2.4.0");
      assertThat(tag).isNotNull();
      var commit = git.getRepository().parseCommit(tag.getObjectId());
      assertThat(commit.getShortMessage()).startsWith("new tax calculation");
    }
    assertThat(repo.resolve("services/checkout/catalog-info.yaml")).isRegularFile();
    assertThat(repo.resolve(".github/CODEOWNERS")).isRegularFile();
  }

  private static JsonNode query(String promql) throws Exception {
    JsonNode answer = get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertThat(answer.get("status").asString()).isEqualTo("success");
    return answer.get("data").get("result");
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
