package dev.vigil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil backtest deploys --agent A --service S}: the backtest run by a Vigil server with the agent's own
 * deploy-watch task and metrics grants ({@code GET /api/v1/backtests/deploys}), printed like the local one.
 * The token comes from {@code VIGIL_TOKEN} (the launcher reads the admin token when none is set) and is never
 * printed.
 */
final class ServerBacktest {
  /** Options of the server mode; those of the local mode (the task's own) are refused with it. */
  static final List<String> OPTIONS = List.of("--agent", "--task", "--service", "--since", "--until", "--url");
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ServerBacktest() {
  }

  /**
   * @param env where {@code VIGIL_URL} and {@code VIGIL_TOKEN} are read from
   */
  static int run(Map<String, String> given, boolean json, PrintStream out, PrintStream err, Map<String, String> env) {
    for (String option : given.keySet()) {
      if (!OPTIONS.contains(option)) {
        return usage(err, option + " is the local backtest's; with --agent the agent's task decides it (options: "
            + String.join(", ", OPTIONS) + ")");
      }
    }
    if (!given.containsKey("--service")) {
      return usage(err, "--service S is required");
    }
    String url = given.getOrDefault("--url", env.getOrDefault("VIGIL_URL", "http://127.0.0.1:8080"))
        .replaceAll("/+$", "");
    String token = env.getOrDefault("VIGIL_TOKEN", "");
    if (token.isBlank()) {
      return usage(err, "no token: set VIGIL_TOKEN (./vigil reads the admin token of ./data when none is set)");
    }
    List<String> query = new ArrayList<>();
    for (String option : List.of("--agent", "--task", "--service", "--since", "--until")) {
      if (given.containsKey(option)) {
        query.add(option.substring(2) + "=" + URLEncoder.encode(given.get(option), StandardCharsets.UTF_8));
      }
    }
    URI uri;
    try {
      uri = URI.create(url + "/api/v1/backtests/deploys?" + String.join("&", query));
    } catch (IllegalArgumentException e) {
      return usage(err, "--url: '" + url + "' is not an address");
    }
    HttpResponse<String> answer;
    try {
      answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
          .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      err.println("vigil backtest: the server at " + url + " did not answer: " + e.getMessage());
      return BacktestCommand.UNAVAILABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return BacktestCommand.UNAVAILABLE;
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body().isEmpty() ? "{}" : answer.body());
    } catch (JacksonException e) {
      err.println("vigil backtest: the server at " + url + " answered " + answer.statusCode() + " with no JSON");
      return BacktestCommand.UNAVAILABLE;
    }
    if (answer.statusCode() != 200) {
      err.println("vigil backtest: the server answered " + answer.statusCode() + ": "
          + body.path("detail").asString(body.path("title").asString("")));
      return answer.statusCode() >= 500 ? BacktestCommand.UNAVAILABLE : BacktestCommand.USAGE;
    }
    if (json) {
      out.println(answer.body());
    } else {
      List<JsonNode> deploys = body.path("deploys").valueStream().toList();
      out.printf("backtest of %s by %s/%s on the server: %d deploys from %s to %s, signals %s%n",
          body.path("service").asString(), body.path("agent").asString(), body.path("task").asString(),
          deploys.size(), body.path("from").asString(), body.path("until").asString(), body.path("signals").asString());
      for (JsonNode d : deploys) {
        out.println();
        if (d.path("checks").isEmpty()) {
          out.println("deploy-watch " + d.path("service").asString() + " @" + d.path("deployedAt").asString()
              + ": no check due yet");
        }
        d.path("checks").valueStream().forEach(c -> out.println(c.path("post").asString()));
      }
    }
    return body.path("deploys").valueStream().anyMatch(d -> d.path("verdict").asString("").equals("fail")) ? 1 : 0;
  }

  private static int usage(PrintStream err, String message) {
    err.println("vigil backtest: " + message);
    err.println(BacktestCommand.USAGE_TEXT);
    return BacktestCommand.USAGE;
  }
}
