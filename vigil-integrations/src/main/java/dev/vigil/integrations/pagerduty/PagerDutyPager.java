package dev.vigil.integrations.pagerduty;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.paging.Page;
import dev.vigil.core.port.Pager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty's Events API v2 ({@code POST /v2/enqueue}): trigger, acknowledge, resolve. PagerDuty
 * answers 202 with the dedup key; 400 means the event is wrong and is not retried; 429 and 5xx are
 * retried with a doubling backoff within the timeout (repeating an event is harmless: PagerDuty
 * groups by dedup key). The routing key is sent in the body only, never logged. Thread-safe.
 */
public final class PagerDutyPager implements Pager {
  private static final Logger log = LoggerFactory.getLogger(PagerDutyPager.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final int MAX_ANSWER_CHARS = 64 * 1024;

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String integration;
  private final PagerDutyConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;

  public PagerDutyPager(String integration, PagerDutyConfig config, HttpClient http, Clock clock, Sleeper sleeper) {
    if (integration == null || integration.isBlank() || config == null || http == null || clock == null
        || sleeper == null) {
      throw new IllegalArgumentException("pagerduty pager needs an integration name, a config, an HTTP client,"
          + " a clock and a sleeper");
    }
    this.integration = integration;
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public static PagerDutyPager create(String integration, PagerDutyConfig config) {
    return new PagerDutyPager(integration, config, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .build(), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public String trigger(Page page) throws IntegrationFailure {
    if (page == null) {
      throw new IntegrationFailure(IntegrationFailure.Kind.INVALID, "a page is required");
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("summary", page.summary());
    payload.put("source", page.source());
    payload.put("severity", page.severity().name().toLowerCase(Locale.ROOT));
    payload.put("timestamp", clock.instant().toString());
    if (!page.customDetails().isEmpty()) {
      payload.put("custom_details", page.customDetails());
    }
    Map<String, Object> body = event("trigger");
    page.dedupKey().ifPresent(k -> body.put("dedup_key", k));
    body.put("payload", payload);
    body.put("client", "Vigil");
    if (!page.links().isEmpty()) {
      body.put("links", page.links().stream().map(l -> l.text().isEmpty() ? Map.of("href", l.href().toString())
          : Map.of("href", l.href().toString(), "text", l.text())).toList());
    }
    if (!page.images().isEmpty()) {
      body.put("images", page.images().stream().map(i -> {
        Map<String, String> image = new LinkedHashMap<>();
        image.put("src", i.src().toString());
        i.href().ifPresent(h -> image.put("href", h.toString()));
        if (!i.alt().isEmpty()) {
          image.put("alt", i.alt());
        }
        return image;
      }).toList());
    }
    return send("trigger", body);
  }

  @Override
  public void acknowledge(String dedupKey) throws IntegrationFailure {
    send("acknowledge", keyed("acknowledge", dedupKey));
  }

  @Override
  public void resolve(String dedupKey) throws IntegrationFailure {
    send("resolve", keyed("resolve", dedupKey));
  }

  private Map<String, Object> event(String action) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("routing_key", config.routingKey().reveal());
    body.put("event_action", action);
    return body;
  }

  private Map<String, Object> keyed(String action, String dedupKey) throws IntegrationFailure {
    try {
      Page.requireDedupKey(dedupKey);
    } catch (IllegalArgumentException e) {
      throw new IntegrationFailure(IntegrationFailure.Kind.INVALID, "pagerduty " + action + ": " + e.getMessage(), e);
    }
    Map<String, Object> body = event(action);
    body.put("dedup_key", dedupKey);
    return body;
  }

  /** Sends one event, retrying what is worth retrying, and returns the dedup key PagerDuty answered. */
  private String send(String action, Map<String, Object> body) throws IntegrationFailure {
    String where = "pagerduty " + config.eventsUrl() + " " + action;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.eventsUrl() + "/v2/enqueue"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("User-Agent", "vigil")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    Instant deadline = clock.instant().plus(config.timeout());
    Duration backoff = FIRST_BACKOFF;
    IntegrationFailure last = null;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        break;
      }
      try {
        return attempt(where, request.timeout(remaining).build());
      } catch (IntegrationFailure f) {
        if (!f.retryable()) {
          throw f;
        }
        last = f;
      }
      Duration wait = last.retryAfterSeconds() > 0 ? Duration.ofSeconds(last.retryAfterSeconds()) : backoff;
      if (attempt == config.maxAttempts() || !clock.instant().plus(wait).isBefore(deadline)) {
        break;
      }
      log.warn("pagerduty event failed, retrying integration={} action={} attempt={} wait_ms={} reason=\"{}\"",
          integration, action, attempt, wait.toMillis(), last.getMessage());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, where + ": interrupted while waiting to retry",
            e);
      }
      backoff = backoff.multipliedBy(2);
    }
    throw last != null ? last : new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE,
        where + ": no attempt fitted in " + config.timeout().toMillis() + " ms");
  }

  private String attempt(String where, HttpRequest request) throws IntegrationFailure {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, where + ": no answer within the timeout", e);
    } catch (IOException e) {
      throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, where + ": cannot reach it ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, where + ": interrupted", e);
    }
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    JsonNode answer = parse(text);
    if (status == 202 || status == 200) {
      String key = answer.path("dedup_key").asString("");
      if (key.isEmpty()) {
        throw new IntegrationFailure(IntegrationFailure.Kind.INVALID, where + ": answer " + status
            + " carries no dedup_key");
      }
      return key;
    }
    String detail = detail(answer, text);
    if (status == 429) {
      long retryAfter = response.headers().firstValue("Retry-After").flatMap(PagerDutyPager::seconds).orElse(0L);
      throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, where + ": rate limited (HTTP 429)" + detail,
          retryAfter, null);
    }
    if (status >= 500) {
      throw new IntegrationFailure(IntegrationFailure.Kind.UNAVAILABLE, where + ": HTTP " + status + detail);
    }
    if (status == 401 || status == 403) {
      throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, where + ": HTTP " + status
          + " (check the routing key)" + detail);
    }
    throw new IntegrationFailure(IntegrationFailure.Kind.INVALID, where + ": PagerDuty refused the event (HTTP "
        + status + ")" + detail);
  }

  private static JsonNode parse(String text) {
    try {
      return text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
    } catch (JacksonException e) {
      return JSON.missingNode();
    }
  }

  /** PagerDuty's own words: its message and the list of errors naming each wrong field. */
  private static String detail(JsonNode answer, String text) {
    String message = answer.path("message").asString("");
    List<String> errors = answer.path("errors").isArray()
        ? answer.path("errors").valueStream().map(e -> e.asString("")).filter(e -> !e.isEmpty()).toList()
        : List.of();
    if (message.isEmpty() && errors.isEmpty()) {
      String raw = text.strip();
      return raw.isEmpty() ? "" : ": " + raw.substring(0, Math.min(raw.length(), 300));
    }
    String joined = message + (errors.isEmpty() ? "" : (message.isEmpty() ? "" : ": ") + String.join("; ", errors));
    return ": " + joined.substring(0, Math.min(joined.length(), MAX_ANSWER_CHARS));
  }

  private static java.util.Optional<Long> seconds(String header) {
    try {
      return java.util.Optional.of(Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
