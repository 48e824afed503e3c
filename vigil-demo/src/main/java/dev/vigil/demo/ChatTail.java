package dev.vigil.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code vigil-demo chat}: prints what agents post to the built-in chat as it arrives, so that the
 * demo's findings show in the terminal without a Slack workspace. Polls the server's API with the
 * admin token; quiet while the server is starting. Given channels, prints only those (the demo leaves
 * out its once-a-minute heartbeat).
 */
public final class ChatTail {
  private static final Duration POLL = Duration.ofSeconds(3);

  private ChatTail() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: vigil-demo chat BASE_URL TOKEN_FILE [CHANNEL...]");
      System.exit(64);
    }
    Set<String> channels = Set.of(java.util.Arrays.copyOfRange(args, 2, args.length));
    URI messages = URI.create(args[0].replaceAll("/+$", "") + "/api/v1/chat/messages?limit=200");
    Path tokenFile = Path.of(args[1]);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    ObjectMapper json = new ObjectMapper();
    Set<String> seen = new HashSet<>();
    while (true) {
      Thread.sleep(POLL);
      if (!Files.isReadable(tokenFile)) {
        continue; // the server writes it when it first starts
      }
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(messages).timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + Files.readString(tokenFile).strip()).build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
          continue;
        }
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode m : json.readTree(answer.body()).path("messages")) {
          boolean wanted = channels.isEmpty() || channels.contains(m.path("channel").asString());
          if (seen.add(m.path("id").asString()) && wanted) {
            fresh.add(m);
          }
        }
        fresh.sort((a, b) -> a.path("receivedAt").asString().compareTo(b.path("receivedAt").asString()));
        for (JsonNode m : fresh) {
          System.out.printf("%n[%s] %s (%s):%n  %s%n", m.path("channel").asString(), m.path("agent").asString(),
              m.path("receivedAt").asString(), m.path("text").asString().replace("\n", "\n  "));
        }
        System.out.flush();
      } catch (IOException e) {
        // Not up yet, or restarting: try again at the next poll.
      }
    }
  }
}
