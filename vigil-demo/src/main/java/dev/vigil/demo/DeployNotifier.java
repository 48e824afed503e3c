package dev.vigil.demo;

import dev.vigil.demo.repository.ShopRepository;
import dev.vigil.demo.shop.Effect;
import dev.vigil.demo.shop.TimedEffect;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells Vigil about the shop's deploys twice, the way a team's tooling would: a signed GitHub
 * {@code deployment_status} webhook (success, production) and, when a hook URL is given, a CloudEvent
 * (structured JSON, signed with {@code X-Vigil-Signature-256}) at the instant each deploy takes hold.
 * The deploy's commit is the real one in the shop's repository and its {@code ref} the release tag, so a
 * deploy watch can read the changeset through the {@code git} integration. Delivery ids derive from the
 * seed and the commit, so a resend is recognised as a duplicate.
 */
final class DeployNotifier implements AutoCloseable {
  private static final int ATTEMPTS = 6;

  /** Where a signed HTTP delivery goes and with which secret. */
  record Target(URI url, String secret) {
    Target {
      java.util.Objects.requireNonNull(url, "url");
      java.util.Objects.requireNonNull(secret, "secret");
    }
  }

  private final Target github;
  private final Optional<Target> events;
  private final ShopRepository repository;
  private final long seed;
  private final Clock clock;
  private final PrintStream progress;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "shop-deploy-notifier");
    t.setDaemon(true);
    return t;
  });

  DeployNotifier(Target github, Optional<Target> events, ShopRepository repository, long seed, Clock clock,
      PrintStream progress) {
    this.github = github;
    this.events = events;
    this.repository = repository;
    this.seed = seed;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Schedules the deliveries of every deploy of the scenario; one whose time passed while the history was
   * being written is sent at once (with its own time in the payload, so the watch judges the right minutes).
   */
  void schedule(List<TimedEffect> effects) {
    for (TimedEffect e : effects) {
      if (e.effect() instanceof Effect.Deploy deploy) {
        ShopRepository.Release release = repository.releaseOf(e).orElseThrow(() -> new IllegalStateException(
            "deploy " + deploy.service() + " " + deploy.version() + " has no commit in the shop's repository"));
        long delay = Math.max(0, Duration.between(clock.instant(), e.at()).toMillis());
        String tag = release.tag().orElseThrow();
        String key = seed + "/" + release.sha();
        String delivery = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        String what = deploy.service() + " " + deploy.version();
        timer.schedule(() -> post(new Delivery("GitHub deployment_status for " + what, github,
            payload(deploy, e.at(), release.sha(), tag, repository.deployedBefore(release)), Map.of("Content-Type", "application/json",
                "User-Agent", "GitHub-Hookshot/vigil-demo", "X-GitHub-Event", "deployment_status",
                "X-GitHub-Delivery", delivery), "X-Hub-Signature-256"), 1), delay, TimeUnit.MILLISECONDS);
        events.ifPresent(target -> timer.schedule(() -> post(new Delivery("CloudEvent for " + what, target,
            cloudEvent(deploy, e.at(), release.sha(), tag, delivery, repository.deployedBefore(release)), Map.of("Content-Type",
                "application/cloudevents+json"), "X-Vigil-Signature-256"), 1), delay, TimeUnit.MILLISECONDS));
      }
    }
  }

  private record Delivery(String what, Target target, String body, Map<String, String> headers,
      String signatureHeader) {
  }

  private void post(Delivery d, int attempt) {
    HttpRequest.Builder request = HttpRequest.newBuilder(d.target().url()).timeout(Duration.ofSeconds(10))
        .header(d.signatureHeader(), "sha256=" + HexFormat.of().formatHex(hmac(d.target().secret(),
            d.body().getBytes(StandardCharsets.UTF_8))))
        .POST(HttpRequest.BodyPublishers.ofString(d.body()));
    d.headers().forEach(request::header);
    try {
      HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 == 2) {
        progress.printf("shop: sent the %s (HTTP %d)%n", d.what(), answer.statusCode());
        return;
      }
      retry(d, attempt, "HTTP " + answer.statusCode() + " " + answer.body());
    } catch (java.io.IOException e) {
      retry(d, attempt, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void retry(Delivery d, int attempt, String problem) {
    if (attempt >= ATTEMPTS) {
      progress.printf("shop: gave up sending the %s after %d attempts: %s%n", d.what(), attempt, problem);
      return;
    }
    long backoff = 1000L << Math.min(attempt, 4);
    progress.printf("shop: the %s failed (%s); retrying in %d s%n", d.what(), problem, backoff / 1000);
    timer.schedule(() -> post(d, attempt + 1), backoff, TimeUnit.MILLISECONDS);
  }

  /**
   * A CloudEvents 1.0 structured event for the deploy; its {@code id} is the GitHub delivery's, so both
   * tell of the same deploy under the same name.
   */
  static String cloudEvent(Effect.Deploy deploy, Instant at, String sha, String tag, String id, String previousSha) {
    return "{\"specversion\":\"1.0\",\"id\":" + quote(id) + ",\"source\":\"/acme/shop/deploys\","
        + "\"type\":\"com.acme.deploy.succeeded\",\"subject\":" + quote(deploy.service()) + ","
        + "\"time\":\"" + at + "\",\"datacontenttype\":\"application/json\","
        + "\"data\":{\"service\":" + quote(deploy.service()) + ",\"version\":" + quote(deploy.version()) + ","
        + "\"environment\":\"production\",\"repository\":\"" + ShopRepository.NAME + "\","
        + "\"sha\":\"" + sha + "\",\"previousSha\":\"" + previousSha + "\",\"ref\":" + quote(tag) + ",\"summary\":" + quote(deploy.summary()) + "}}";
  }

  /** A deployment_status body with the fields GitHub sends that Vigil and people read. */
  static String payload(Effect.Deploy deploy, Instant at, String sha, String ref, String previousSha) {
    long id = Math.abs(sha.hashCode()) + 1L;
    String repo = ShopRepository.NAME;
    return "{\"action\":\"created\","
        + "\"deployment_status\":{\"id\":" + id + ",\"state\":\"success\",\"environment\":\"production\","
        + "\"description\":" + quote("deployed " + deploy.service() + " " + deploy.version()) + ","
        + "\"created_at\":\"" + at + "\",\"updated_at\":\"" + at + "\","
        + "\"target_url\":\"https://ci.example.com/deploys/" + id + "\"},"
        + "\"deployment\":{\"id\":" + id + ",\"sha\":\"" + sha + "\",\"ref\":" + quote(ref) + ","
        + "\"task\":\"deploy\",\"environment\":\"production\",\"original_environment\":\"production\","
        + "\"description\":" + quote(deploy.summary()) + ","
        + "\"payload\":{\"service\":" + quote(deploy.service()) + ",\"version\":" + quote(deploy.version())
        + ",\"previous_sha\":\"" + previousSha + "\"},"
        + "\"created_at\":\"" + at + "\",\"updated_at\":\"" + at + "\"},"
        + "\"repository\":{\"id\":1,\"name\":\"shop\",\"full_name\":\"" + repo + "\","
        + "\"html_url\":\"https://github.com/" + repo + "\",\"private\":true},"
        + "\"sender\":{\"login\":\"deploy-bot\",\"type\":\"Bot\"}}";
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

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
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
