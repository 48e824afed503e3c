package dev.vigil.demo;

import dev.vigil.demo.shop.Effect;
import dev.vigil.demo.shop.TimedEffect;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells Vigil about the shop's deploys the way GitHub would: a signed {@code deployment_status}
 * webhook (success, production) at the instant each deploy takes hold, with the service and version
 * in the deployment's payload. Commits are simulated: the SHA is derived from the seed, service and
 * version, so the same deploy always has the same SHA and the same delivery id (a resend is
 * recognised as a duplicate).
 */
final class DeployNotifier implements AutoCloseable {
  private static final int ATTEMPTS = 6;

  private final URI hook;
  private final byte[] secret;
  private final long seed;
  private final Clock clock;
  private final PrintStream progress;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "shop-deploy-notifier");
    t.setDaemon(true);
    return t;
  });

  DeployNotifier(URI hook, String secret, long seed, Clock clock, PrintStream progress) {
    this.hook = hook;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.seed = seed;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Schedules a webhook for every deploy of the scenario; one whose time passed while the history was
   * being written is sent at once (with its own time in the payload, so the watch judges the right minutes).
   */
  void schedule(List<TimedEffect> effects) {
    for (TimedEffect e : effects) {
      if (e.effect() instanceof Effect.Deploy deploy) {
        long delay = Math.max(0, Duration.between(clock.instant(), e.at()).toMillis());
        timer.schedule(() -> send(deploy, e.at(), 1), delay, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void send(Effect.Deploy deploy, Instant at, int attempt) {
    String key = seed + "/" + deploy.service() + "/" + deploy.version();
    String body = payload(deploy, at, sha(key));
    String signature = "sha256=" + HexFormat.of().formatHex(hmac(body.getBytes(StandardCharsets.UTF_8)));
    HttpRequest request = HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("User-Agent", "GitHub-Hookshot/vigil-demo")
        .header("X-GitHub-Event", "deployment_status")
        .header("X-GitHub-Delivery", UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString())
        .header("X-Hub-Signature-256", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 == 2) {
        progress.printf("shop: told Vigil about deploy %s %s (HTTP %d)%n", deploy.service(), deploy.version(),
            answer.statusCode());
        return;
      }
      retry(deploy, at, attempt, "HTTP " + answer.statusCode() + " " + answer.body());
    } catch (java.io.IOException e) {
      retry(deploy, at, attempt, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void retry(Effect.Deploy deploy, Instant at, int attempt, String problem) {
    if (attempt >= ATTEMPTS) {
      progress.printf("shop: gave up telling Vigil about deploy %s %s after %d attempts: %s%n", deploy.service(),
          deploy.version(), attempt, problem);
      return;
    }
    long backoff = 1000L << Math.min(attempt, 4);
    progress.printf("shop: deploy webhook for %s failed (%s); retrying in %d s%n", deploy.service(), problem,
        backoff / 1000);
    timer.schedule(() -> send(deploy, at, attempt + 1), backoff, TimeUnit.MILLISECONDS);
  }

  /** A deployment_status body with the fields GitHub sends that Vigil and people read. */
  static String payload(Effect.Deploy deploy, Instant at, String sha) {
    long id = Math.abs(sha.hashCode()) + 1L;
    String repo = "acme/shop";
    return "{\"action\":\"created\","
        + "\"deployment_status\":{\"id\":" + id + ",\"state\":\"success\",\"environment\":\"production\","
        + "\"description\":" + quote("deployed " + deploy.service() + " " + deploy.version()) + ","
        + "\"created_at\":\"" + at + "\",\"updated_at\":\"" + at + "\","
        + "\"target_url\":\"https://ci.example.com/deploys/" + id + "\"},"
        + "\"deployment\":{\"id\":" + id + ",\"sha\":\"" + sha + "\",\"ref\":" + quote(deploy.version()) + ","
        + "\"task\":\"deploy\",\"environment\":\"production\",\"original_environment\":\"production\","
        + "\"description\":" + quote(deploy.summary()) + ","
        + "\"payload\":{\"service\":" + quote(deploy.service()) + ",\"version\":" + quote(deploy.version()) + "},"
        + "\"created_at\":\"" + at + "\",\"updated_at\":\"" + at + "\"},"
        + "\"repository\":{\"id\":1,\"name\":\"shop\",\"full_name\":\"" + repo + "\","
        + "\"html_url\":\"https://github.com/" + repo + "\",\"private\":true},"
        + "\"sender\":{\"login\":\"deploy-bot\",\"type\":\"Bot\"}}";
  }

  static String sha(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
