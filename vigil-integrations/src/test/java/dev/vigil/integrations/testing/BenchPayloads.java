package dev.vigil.integrations.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real payloads from the shared bench data, read in place: VIGIL_BENCH_DATA, else ../shared/bench beside the repo. */
public final class BenchPayloads {
  private BenchPayloads() {}

  public static Path benchData() {
    String env = System.getenv("VIGIL_BENCH_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path shared = ScriptedServer.repositoryRoot().resolveSibling("shared").resolve("bench");
    if (!Files.isDirectory(shared)) {
      throw new AssertionError("bench data not found: set VIGIL_BENCH_DATA (looked for " + shared + ")");
    }
    return shared;
  }

  /** The Alertmanager 0.25 payloads captured from Debian's package. */
  public static Path alertmanager(String file) {
    return benchData().resolve("payloads/alertmanager/generated-alertmanager-0.25.0-debian").resolve(file);
  }

  /** A GitHub webhook example from octokit/webhooks, e.g. {@code github("push", "payload.json")}. */
  public static Path github(String event, String file) {
    return benchData().resolve("payloads/github").resolve(event).resolve(file);
  }

  /** A file under {@code payloads/slack/}, e.g. {@code slack("java-slack-sdk-json-logs/events/AppMentionPayload.json")}. */
  public static Path slack(String file) {
    return benchData().resolve("payloads/slack").resolve(file);
  }

  /** The Adaptive Card 1.5 scenario cards (the content Teams renders). */
  public static Path teamsCards() {
    return benchData().resolve("payloads/teams/adaptivecards/samples/v1.5/Scenarios");
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read payload " + file, e);
    }
  }
}
