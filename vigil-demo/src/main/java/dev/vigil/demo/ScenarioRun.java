package dev.vigil.demo;

import dev.vigil.demo.shop.Scenario;
import dev.vigil.demo.shop.TimedEffect;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./vigil demo scenario NAME}: waits while the demo plays one scenario, then prints the findings
 * the agents filed as JSON on standard output (progress goes to standard error) and exits. The scenario is
 * over once its last step has happened and the deploy watcher's last check of it has run, plus a minute
 * for the posts to land.
 *
 * <p>Exit status: 0 when it waited the scenario out, 1 when the server went away or never answered.
 */
public final class ScenarioRun {
  /** The posts of the last check need time to be filed and delivered. */
  static final Duration GRACE = Duration.ofMinutes(1);
  private static final Duration POLL = Duration.ofSeconds(5);
  private static final Duration STARTUP = Duration.ofMinutes(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: vigil-demo scenario BASE_URL TOKEN_FILE SCENARIO SCENARIO_START_EPOCH SCALE"
          + " LAST_CHECK");
      System.exit(64);
    }
    Scenario scenario = Scenario.all().get(args[2]);
    if (scenario == null) {
      System.err.println("unknown scenario '" + args[2] + "'; known: " + String.join(", ",
          Scenario.all().keySet().stream().sorted().toList()));
      System.exit(64);
    }
    Instant start = Instant.ofEpochSecond(Long.parseLong(args[3]));
    Instant done = end(scenario, start, Double.parseDouble(args[4]), Duration.parse("PT" + args[5].toUpperCase()));
    System.exit(new ScenarioRun.Waiter(URI.create(args[0].replaceAll("/+$", "")), Path.of(args[1]),
        Clock.systemUTC(), System.err).run(scenario, start, done, System.out));
  }

  /** When the scenario's outcome is known: its last step, then the last deploy check after it, then grace. */
  static Instant end(Scenario scenario, Instant start, double scale, Duration lastCheck) {
    Instant lastStep = scenario.at(start, scale).stream().map(TimedEffect::at).max(Instant::compareTo).orElse(start);
    return lastStep.plus(lastCheck).plus(GRACE);
  }

  record Waiter(URI base, Path tokenFile, Clock clock, PrintStream progress) {
    int run(Scenario scenario, Instant start, Instant done, PrintStream out) throws InterruptedException {
      Instant startupDeadline = clock.instant().plus(STARTUP);
      Instant lastNote = Instant.EPOCH;
      while (clock.instant().isBefore(done)) {
        boolean up = get("/readyz") != null;
        if (!up && clock.instant().isAfter(startupDeadline)) {
          progress.println("scenario: the server at " + base + " did not answer; see its log");
          return 1;
        }
        if (up) {
          startupDeadline = Instant.MAX;
        }
        if (Duration.between(lastNote, clock.instant()).toSeconds() >= 60) {
          progress.printf("scenario: %s (%s), %d s to go%n", scenario.name(), scenario.summary(),
              Math.max(0, Duration.between(clock.instant(), done).toSeconds()));
          lastNote = clock.instant();
        }
        Thread.sleep(POLL);
      }
      Optional<String> report = report(scenario, start);
      if (report.isEmpty()) {
        progress.println("scenario: could not read the findings from " + base);
        return 1;
      }
      out.println(report.get());
      return 0;
    }

    /** The scenario and the findings the server holds now, as the JSON `demo scenario` prints. */
    Optional<String> report(Scenario scenario, Instant start) throws InterruptedException {
      JsonNode findings = get("/api/v1/findings?limit=1000");
      if (findings == null) {
        return Optional.empty();
      }
      ObjectNode result = JSON.createObjectNode();
      result.put("scenario", scenario.name());
      result.put("summary", scenario.summary());
      result.put("startedAt", start.toString());
      result.put("endedAt", clock.instant().toString());
      result.set("findings", findings.path("findings"));
      progress.printf("scenario: %d findings%n", findings.path("findings").size());
      return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private JsonNode get(String path) throws InterruptedException {
      try {
        if (!Files.isReadable(tokenFile)) {
          return null;
        }
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + Files.readString(tokenFile).strip())
            .build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? JSON.readTree(answer.body().isEmpty() ? "{}" : answer.body()) : null;
      } catch (IOException e) {
        return null;
      }
    }
  }
}
