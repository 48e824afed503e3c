package dev.vigil.integrations.alertmanager;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.integrations.alertmanager.internal.JsonFields;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager's API v2: list alerts and silences, create and expire silences. Reads and expiries
 * are retried on 5xx and connection failures within the call's timeout; creating a silence is sent
 * once. Thread-safe.
 */
public final class AlertmanagerClient {
  private static final Logger log = LoggerFactory.getLogger(AlertmanagerClient.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final AlertmanagerConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final JsonFields fields = new JsonFields(IllegalArgumentException::new);

  public AlertmanagerClient(AlertmanagerConfig config, HttpClient http, Clock clock, Sleeper sleeper) {
    if (config == null || http == null || clock == null || sleeper == null) {
      throw new IllegalArgumentException("alertmanager client needs a config, an HTTP client, a clock and a sleeper");
    }
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public static AlertmanagerClient create(AlertmanagerConfig config) {
    return new AlertmanagerClient(config, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  /**
   * Active alerts matching every matcher of {@code filter} (none: all), including silenced and
   * inhibited ones when asked.
   */
  public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced,
      boolean includeInhibited) throws AlertmanagerException {
    StringBuilder query = new StringBuilder("?active=true&unprocessed=true")
        .append("&silenced=").append(includeSilenced).append("&inhibited=").append(includeInhibited);
    for (LabelMatcher m : filter) {
      query.append("&filter=").append(URLEncoder.encode(m.toString(), StandardCharsets.UTF_8));
    }
    JsonNode root = send("list alerts", HttpRequest.newBuilder(uri("/api/v2/alerts" + query)).GET(), true);
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode a : arrayOf(root, "alerts")) {
      JsonNode status = a.path("status");
      alerts.add(decode(() -> new Alert(new TreeMap<>(fields.stringMap(a, "labels", "alert")),
          fields.stringMap(a, "annotations", "alert"), fields.time(a, "startsAt", "alert"),
          fields.optionalTime(a, "endsAt", "alert"), fields.text(a, "fingerprint", "alert"),
          fields.text(status, "state", "alert.status"), strings(status.path("silencedBy")),
          strings(status.path("inhibitedBy")),
          a.path("receivers").valueStream().map(r -> r.path("name").asString("")).toList(),
          fields.optionalUri(a, "generatorURL", "alert"))));
    }
    return alerts;
  }

  /** All silences Alertmanager still remembers: active, pending and recently expired. */
  public List<Silence> silences() throws AlertmanagerException {
    JsonNode root = send("list silences", HttpRequest.newBuilder(uri("/api/v2/silences")).GET(), true);
    List<Silence> silences = new ArrayList<>();
    for (JsonNode s : arrayOf(root, "silences")) {
      silences.add(decode(() -> {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (JsonNode m : fields.array(s, "matchers", "silence")) {
          boolean regex = m.path("isRegex").asBoolean(false);
          boolean equal = m.path("isEqual").asBoolean(true);
          LabelMatcher.Operator op = regex ? (equal ? LabelMatcher.Operator.REGEX : LabelMatcher.Operator.NOT_REGEX)
              : (equal ? LabelMatcher.Operator.EQUAL : LabelMatcher.Operator.NOT_EQUAL);
          matchers.add(new LabelMatcher(fields.text(m, "name", "matcher"), op, fields.text(m, "value", "matcher")));
        }
        return new Silence(fields.text(s, "id", "silence"), matchers, fields.time(s, "startsAt", "silence"),
            fields.time(s, "endsAt", "silence"), fields.optionalText(s, "createdBy"), fields.optionalText(s, "comment"),
            fields.text(s.path("status"), "state", "silence.status"));
      }));
    }
    return silences;
  }

  /** Creates {@code request} and returns the new silence's id. Sent once, never retried. */
  public String createSilence(SilenceRequest request) throws AlertmanagerException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("matchers", request.matchers().stream().map(m -> Map.of(
        "name", m.name(), "value", m.value(), "isRegex", m.operator().isRegex(),
        "isEqual", m.operator() == LabelMatcher.Operator.EQUAL || m.operator() == LabelMatcher.Operator.REGEX))
        .toList());
    body.put("startsAt", request.startsAt().toString());
    body.put("endsAt", request.endsAt().toString());
    body.put("createdBy", request.createdBy());
    body.put("comment", request.comment());
    JsonNode root = send("create silence", HttpRequest.newBuilder(uri("/api/v2/silences"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), false);
    String id = root.path("silenceID").asString("");
    if (id.isEmpty()) {
      throw new AlertmanagerException("alertmanager " + config.baseUrl() + " create silence: answer has no silenceID",
          false, 200, null);
    }
    log.info("alertmanager silence created silence_id={} matchers={} ends_at={}", id, request.matchers(),
        request.endsAt());
    return id;
  }

  /** Ends silence {@code id} now. Expiring an expired silence is refused by Alertmanager (4xx). */
  public void expireSilence(String id) throws AlertmanagerException {
    if (id == null || !id.matches("[0-9a-fA-F-]{1,64}")) {
      throw new AlertmanagerException("silence id '" + id + "' is not a silence id", false, 0, null);
    }
    send("expire silence", HttpRequest.newBuilder(uri("/api/v2/silence/" + id)).DELETE(), true);
  }

  // ---- transport -------------------------------------------------------------------------------

  private URI uri(String pathAndQuery) {
    return URI.create(config.baseUrl() + pathAndQuery);
  }

  private JsonNode send(String operation, HttpRequest.Builder request, boolean retry) throws AlertmanagerException {
    String where = "alertmanager " + config.baseUrl() + " " + operation;
    config.authorization().ifPresent(a -> request.header("Authorization", a.reveal()));
    config.tenant().ifPresent(t -> request.header("X-Scope-OrgID", t));
    request.header("Accept", "application/json").header("User-Agent", "vigil");
    Instant deadline = clock.instant().plus(config.timeout());
    int attempts = retry ? config.maxAttempts() : 1;
    AlertmanagerException last = null;
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        break;
      }
      try {
        return attempt(where, request.timeout(remaining).build());
      } catch (AlertmanagerException e) {
        if (!e.retryable()) {
          throw e;
        }
        last = e;
      }
      if (attempt < attempts && clock.instant().plus(backoff).isBefore(deadline)) {
        log.warn("alertmanager call failed, retrying operation={} attempt={} wait_ms={} reason={}", operation,
            attempt, backoff.toMillis(), last.getMessage());
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AlertmanagerException(where + ": interrupted while waiting to retry", true, 0, e);
        }
        backoff = backoff.multipliedBy(2);
      } else {
        break;
      }
    }
    throw last != null ? last
        : new AlertmanagerException(where + ": no attempt fitted in " + config.timeout().toMillis() + " ms", true, 0,
            null);
  }

  private JsonNode attempt(String where, HttpRequest request) throws AlertmanagerException {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new AlertmanagerException(where + ": no answer within the timeout", true, 0, e);
    } catch (IOException e) {
      throw new AlertmanagerException(where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), true, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlertmanagerException(where + ": interrupted", true, 0, e);
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBytes() + 1));
    } catch (IOException e) {
      throw new AlertmanagerException(where + ": answer broke off: " + e.getMessage(), true, 0, e);
    }
    int status = response.statusCode();
    if (body.length > config.maxBytes()) {
      throw new AlertmanagerException(where + ": answer larger than the limit of " + config.maxBytes() + " bytes",
          false, status, null);
    }
    if (status < 200 || status >= 300) {
      String detail = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
      throw new AlertmanagerException(where + ": HTTP " + status + " " + detail, status >= 500, status, null);
    }
    if (body.length == 0) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      throw new AlertmanagerException(where + ": answer is not JSON: " + e.getOriginalMessage(), false, status, e);
    }
  }

  private List<JsonNode> arrayOf(JsonNode root, String what) throws AlertmanagerException {
    if (!root.isArray()) {
      throw new AlertmanagerException("alertmanager " + config.baseUrl() + ": " + what + " answer is not an array",
          false, 200, null);
    }
    return root.valueStream().toList();
  }

  private static List<String> strings(JsonNode array) {
    return array.isArray() ? array.valueStream().map(n -> n.asString("")).toList() : List.of();
  }

  private interface Decoder<T> {
    T decode();
  }

  private <T> T decode(Decoder<T> decoder) throws AlertmanagerException {
    try {
      return decoder.decode();
    } catch (IllegalArgumentException e) {
      throw new AlertmanagerException("alertmanager " + config.baseUrl() + " answered in an unexpected shape: "
          + e.getMessage(), false, 200, e);
    }
  }
}
