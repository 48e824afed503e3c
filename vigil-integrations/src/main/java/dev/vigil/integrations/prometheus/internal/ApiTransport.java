package dev.vigil.integrations.prometheus.internal;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.integration.IntegrationFailure.Kind;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one Prometheus API call: credentials and tenant header, the whole call (retries and waits
 * included) bounded by the configured timeout, retries with exponential backoff on 5xx, 429 and
 * connection failures, none on other 4xx (the request is wrong; sending it again will not help),
 * and the answer read only up to the byte limit. Thread-safe.
 */
public final class ApiTransport {
  private static final Logger log = LoggerFactory.getLogger(ApiTransport.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The {@code data} of a successful answer and the warnings that came with it. */
  public record Envelope(JsonNode data, List<String> warnings) {}

  private final PrometheusConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;

  public ApiTransport(PrometheusConfig config, HttpClient http, Clock clock, Sleeper sleeper) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Calls {@code path} with {@code params} (repeated names allowed, e.g. {@code match[]}), as a
   * form POST when {@code post}, else as a GET query string.
   */
  public Envelope call(String operation, String path, List<Map.Entry<String, String>> params, boolean post)
      throws IntegrationFailure {
    String form = params.stream()
        .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
        .collect(Collectors.joining("&"));
    URI uri = URI.create(config.baseUrl() + path + (post || form.isEmpty() ? "" : "?" + form));
    String where = "prometheus " + config.baseUrl() + " " + operation;
    Instant deadline = clock.instant().plus(config.timeout());
    IntegrationFailure last = null;
    for (int attempt = 1; attempt <= config.retry().maxAttempts(); attempt++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        break;
      }
      try {
        return attempt(where, uri, form, post, remaining);
      } catch (IntegrationFailure f) {
        if (!f.retryable()) {
          throw f;
        }
        last = f;
      }
      if (attempt < config.retry().maxAttempts()) {
        Duration wait = config.retry().backoffAfter(attempt);
        if (clock.instant().plus(wait).isAfter(deadline)) {
          break;
        }
        log.warn("prometheus call failed, retrying operation={} attempt={} wait_ms={} reason={}", operation,
            attempt, wait.toMillis(), last.getMessage());
        sleep(where, wait);
      }
    }
    String reason = last == null ? "no attempt fitted in the timeout" : last.getMessage();
    throw new IntegrationFailure(Kind.UNAVAILABLE, where + ": gave up within " + config.timeout().toMillis() + " ms: " + reason,
        last);
  }

  private Envelope attempt(String where, URI uri, String form, boolean post, Duration timeout) throws IntegrationFailure {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Accept-Encoding", "gzip")
        .header("User-Agent", "vigil");
    config.authentication().ifPresent(a -> request.header("Authorization", a.header()));
    config.tenant().ifPresent(t -> request.header("X-Scope-OrgID", t));
    if (post) {
      request.header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
    } else {
      request.GET();
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new IntegrationFailure(Kind.UNAVAILABLE, where + ": no answer within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new IntegrationFailure(Kind.UNAVAILABLE, where + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IntegrationFailure(Kind.UNAVAILABLE, where + ": interrupted", e);
    }
    int status = response.statusCode();
    byte[] body = readLimited(where, response);
    JsonNode root = parse(body);
    if (status >= 200 && status < 300 && root != null && "success".equals(root.path("status").asString(""))) {
      List<String> warnings = root.path("warnings").isArray()
          ? root.path("warnings").valueStream().map(w -> w.asString("")).toList() : List.of();
      return new Envelope(root.path("data"), warnings);
    }
    String detail = root != null && root.has("error")
        ? root.path("errorType").asString("error") + ": " + root.path("error").asString("")
        : snippet(body);
    String message = where + ": HTTP " + status + " " + detail;
    if (status == 429 || status >= 500) {
      throw new IntegrationFailure(Kind.UNAVAILABLE, message);
    }
    throw new IntegrationFailure(Kind.INVALID, message);
  }

  private byte[] readLimited(String where, HttpResponse<InputStream> response) throws IntegrationFailure {
    long max = config.limits().maxBytes();
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    boolean gzip = response.headers().firstValue("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip"))
        .orElse(false);
    try (InputStream raw = response.body()) {
      if (!gzip && declared > max) {
        throw tooLarge(where, declared + " bytes declared");
      }
      try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
          out.write(buffer, 0, n);
          if (out.size() > max) {
            throw tooLarge(where, "more than " + max + " bytes read");
          }
        }
        return out.toByteArray();
      }
    } catch (IOException e) {
      throw new IntegrationFailure(Kind.UNAVAILABLE, where + ": answer broke off: " + describe(e), e);
    }
  }

  private IntegrationFailure tooLarge(String where, String seen) {
    return new IntegrationFailure(Kind.TOO_LARGE, where + ": answer larger than the limit of " + config.limits().maxBytes()
        + " bytes (" + seen + "); narrow the query (fewer series, shorter range, larger step) or raise the limit");
  }

  private void sleep(String where, Duration wait) throws IntegrationFailure {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IntegrationFailure(Kind.UNAVAILABLE, where + ": interrupted while waiting to retry", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static String snippet(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "(empty body)" : text;
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
