package dev.vigil.server.api;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.event.HookRules;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.EventStore;
import dev.vigil.core.port.HookStore;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EventAcceptance;
import dev.vigil.server.config.ServerSettings;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.ApiGateFilter;
import dev.vigil.server.web.Bodies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Event ingress: {@code POST /api/v1/events} (CloudEvents 1.0 in structured, batched or binary
 * mode, or plain JSON) and {@code POST /hooks/{source}} for senders that cannot send a bearer
 * token, read by the source's {@code hooks:} rules when it has some. Durable first: the
 * answer is 202 only after the event and the runs it wakes are committed; when the database is
 * down the answer is 503 so that the sender retries.
 */
@RestController
@Tag(name = "events")
public class EventsApi {
  private static final Logger log = LoggerFactory.getLogger(EventsApi.class);
  private static final String BATCH = "application/cloudevents-batch+json";
  private final Engine engine;
  private final EventStore events;
  private final ServerSettings settings;
  private final ApiGateFilter gate;
  private final Clock clock;
  private final org.springframework.core.env.Environment environment;
  private final HookStore hooks;
  private final SecretResolver secrets;
  private final MeterRegistry meters;

  public EventsApi(Engine engine, EventStore events, ServerSettings settings, ApiGateFilter gate, Clock clock,
      org.springframework.core.env.Environment environment, HookStore hooks, SecretResolver secrets,
      PrometheusMeterRegistry meters) {
    this.environment = environment;
    this.hooks = hooks;
    this.secrets = secrets;
    this.meters = meters;
    this.engine = engine;
    this.events = events;
    this.settings = settings;
    this.gate = gate;
    this.clock = clock;
  }

  @PostMapping(value = "/api/v1/events", consumes = "*/*")
  @Operation(summary = "Accept an event: CloudEvents 1.0 in structured (application/cloudevents+json), batched"
      + " (application/cloudevents-batch+json) or binary mode (ce-specversion, ce-id, ce-source, ce-type headers,"
      + " the body is the data), or plain JSON {source, type, subject, labels, text, data}. 202 when accepted,"
      + " 200 when every event was seen before (same source and id)")
  public ResponseEntity<Map<String, Object>> accept(@RequestBody(required = false) byte[] body,
      @RequestHeader HttpHeaders headers) {
    byte[] bytes = body == null ? new byte[0] : body;
    if (CloudEventReader.isBinary(headers)) {
      Map<String, Object> structured = CloudEventReader.structuredFromBinary(headers, bytes);
      return answer(engine.acceptEvent(CloudEventReader.toEvent(structured,
          Bodies.JSON.writeValueAsString(structured), clock.instant(), "")));
    }
    String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(BATCH)) {
      List<Event> batch = CloudEventReader.batch(Bodies.parse(text, "application/json"), clock.instant());
      return answerBatch(batch.stream().map(engine::acceptEvent).toList());
    }
    if (contentType == null || !CloudEventReader.isJson(contentType)) {
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType + "' is not accepted"
          + " here: send application/json, application/cloudevents+json or " + BATCH
          + ", or a binary-mode CloudEvent (ce-specversion, ce-id, ce-source, ce-type headers)");
    }
    Map<String, Object> json = Bodies.object(text, "application/json");
    Event event = json.containsKey("specversion")
        ? CloudEventReader.toEvent(json, text, clock.instant(), "") : fromPlain(json, text);
    return answer(engine.acceptEvent(event));
  }

  @PostMapping(value = "/hooks/{source}", consumes = "*/*")
  @Operation(summary = "Webhook ingress for a source (authenticated by bearer token, or by X-Vigil-Signature-256:"
      + " sha256=HMAC(body) with the hook's secret, VIGIL_HOOK_SECRET_<SOURCE> or VIGIL_HOOK_SECRET); the source's"
      + " hooks: rules in agents.yaml pick its type, id, subject, labels and text out of the JSON body")
  public ResponseEntity<Map<String, Object>> hook(@PathVariable String source, @RequestBody String body,
      @RequestHeader(value = "X-Vigil-Signature-256", required = false) String signature,
      @RequestHeader(value = "X-Vigil-Event", required = false) String typeHeader,
      @RequestHeader(value = "X-GitHub-Event", required = false) String githubEvent,
      @RequestHeader(value = "X-GitHub-Delivery", required = false) String githubDelivery,
      HttpServletRequest req) {
    if (!source.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw ApiException.badRequest("source '" + source + "' must be a lowercase name such as github or alertmanager");
    }
    Optional<HookRules> rules = hooks.find(source);
    authenticateHook(source, rules, body, signature, req);
    // With rules any JSON value is accepted (they reach into it by path); without, an object.
    Object parsed = rules.isPresent() ? Bodies.parse(body, "application/json") : Bodies.object(body, "application/json");
    @SuppressWarnings("unchecked")
    Map<String, Object> json = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, String> labels = new LinkedHashMap<>();
    // Flat string facts of the top level (e.g. Alertmanager's status, receiver) become labels.
    json.forEach((k, v) -> {
      if (v instanceof String s && s.length() <= 200) labels.put(k, s);
    });
    if (json.get("action") instanceof String action) labels.put("action", action);
    String type = typeHeader != null ? typeHeader : githubEvent != null ? githubEvent
        : json.get("type") instanceof String t ? t : "webhook";
    String deliveryId = githubDelivery == null ? "" : githubDelivery;
    String subject = str(json.get("subject"));
    String text = str(json.get("text"));
    List<String> unresolved = List.of();
    if (rules.isPresent()) {
      Optional<HookRules.Condition> when = rules.get().when();
      if (when.isPresent() && !when.get().holds(parsed)) {
        String reason = when.get().unmetReason(parsed);
        // Not kept by the operator's own filter: counted per source, logged only at DEBUG.
        counted(source, "filtered");
        log.debug("hook delivery not kept source={} reason=\"{}\"", source, reason);
        return ResponseEntity.ok(Map.of("stored", false, "reason", reason));
      }
      HookRules.Extracted found = rules.get().extract(parsed);
      type = found.type().orElse(type);
      deliveryId = found.id().orElse(deliveryId);
      subject = found.subject().orElse(subject);
      text = found.text().orElse(text);
      labels.putAll(found.labels());
      unresolved = found.unresolved();
      if (!unresolved.isEmpty()) {
        counted(source, "fallback");
        log.debug("hook rules found nothing, fallbacks used source={} fields={}", source, unresolved);
      }
    }
    Event event = new Event(EventId.random(), source, type, subject, clock.instant(), deliveryId, labels, text, body);
    ResponseEntity<Map<String, Object>> answer = answer(engine.acceptEvent(event));
    if (unresolved.isEmpty()) return answer;
    Map<String, Object> withFallbacks = new LinkedHashMap<>(answer.getBody());
    withFallbacks.put("unresolved", unresolved);
    return ResponseEntity.status(answer.getStatusCode()).body(withFallbacks);
  }

  // Only sources with rules are counted, so the tag's values are bounded by the configured hooks.
  private void counted(String source, String outcome) {
    Counter.builder("vigil.hook.deliveries").tag("source", source).tag("outcome", outcome)
        .description("hook deliveries with rules: filtered out by when, or stored with fallbacks")
        .register(meters).increment();
  }

  @GetMapping("/api/v1/events")
  @Operation(summary = "Accepted events, newest first")
  public Map<String, Object> list(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) throw ApiException.badRequest("limit must be between 1 and 1000");
    return Views.page("events", events.list(limit).stream().map(e -> Views.event(e, false)).toList());
  }

  @GetMapping("/api/v1/events/{id}")
  @Operation(summary = "One event with its payload as received")
  public Map<String, Object> get(@PathVariable String id) {
    return events.find(new EventId(id)).map(e -> Views.event(e, true))
        .orElseThrow(() -> ApiException.notFound("event '" + id + "'"));
  }

  // A redelivery is answered 200, as GitHub's receiver does, so a sender can tell it was known.
  private ResponseEntity<Map<String, Object>> answer(EventAcceptance a) {
    return ResponseEntity.status(a.duplicateOf().isPresent() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(view(a));
  }

  private ResponseEntity<Map<String, Object>> answerBatch(List<EventAcceptance> accepted) {
    boolean allKnown = accepted.stream().allMatch(a -> a.duplicateOf().isPresent());
    return ResponseEntity.status(allKnown ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(Map.of("events", accepted.stream().map(EventsApi::view).toList()));
  }

  private static Map<String, Object> view(EventAcceptance a) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", a.duplicateOf().orElse(a.eventId()).value());
    body.put("duplicate", a.duplicateOf().isPresent());
    body.put("runs", a.runs().stream().map(r -> r.value()).toList());
    return body;
  }

  private Event fromPlain(Map<String, Object> json, String body) {
    Bodies.onlyFields(json, List.of("source", "type", "subject", "time", "id", "labels", "text", "data"));
    String source = required(json, "source");
    String type = required(json, "type");
    Map<String, String> labels = new LinkedHashMap<>();
    if (json.get("labels") != null) {
      if (!(json.get("labels") instanceof Map<?, ?> m)) throw ApiException.badRequest("labels: expected an object of strings");
      m.forEach((k, v) -> {
        if (!(v instanceof String s)) throw ApiException.badRequest("labels." + k + ": expected a string");
        labels.put(String.valueOf(k), s);
      });
    }
    Instant time = clock.instant();
    if (json.get("time") != null) {
      try {
        time = Instant.parse(str(json.get("time")));
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest("time: '" + json.get("time") + "' is not an RFC 3339 timestamp");
      }
    }
    return new Event(EventId.random(), source, type, str(json.get("subject")), time, str(json.get("id")), labels,
        str(json.get("text")), body);
  }

  /**
   * A bearer token, or an HMAC signature with the hook's own secret (the {@code secret} of its
   * {@code hooks:} rules, else {@code VIGIL_HOOK_SECRET_<SOURCE>}, e.g. {@code VIGIL_HOOK_SECRET_JENKINS}
   * for {@code /hooks/jenkins}) or else the shared {@code VIGIL_HOOK_SECRET}. A source with its own
   * secret does not accept the shared one, so a sender that knows one hook's secret cannot post as
   * another; a configured secret that does not resolve refuses every signature rather than falling
   * back.
   */
  private void authenticateHook(String source, Optional<HookRules> rules, String body, String signature,
      HttpServletRequest req) {
    if (gate.authenticate(req).isPresent()) return;
    String ownName = "VIGIL_HOOK_SECRET_" + source.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    String own = environment.getProperty(ownName, "");
    if (rules.isPresent() && rules.get().secret().isPresent()) {
      ownName = "the secret of hook '" + source + "' (" + rules.get().secret().get().text() + ")";
      try {
        own = secrets.resolve(rules.get().secret().get()).reveal();
      } catch (SecretResolver.UnresolvedSecretException e) {
        log.warn("hook secret does not resolve, signed deliveries are refused source={} reason=\"{}\"", source,
            e.getMessage());
        throw new ApiException(HttpStatus.UNAUTHORIZED, ownName + " does not resolve; fix it or send"
            + " 'Authorization: Bearer <token>'");
      }
    }
    String secret = own.isBlank() ? settings.hookSecret() : own;
    if (!secret.isBlank() && signature != null && signature.startsWith("sha256=")) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        byte[] given = HexFormat.of().parseHex(signature.substring(7));
        if (MessageDigest.isEqual(expected, given)) return;
      } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
        // fall through to 401: a malformed signature is a wrong signature
      }
    }
    throw new ApiException(HttpStatus.UNAUTHORIZED, secret.isBlank()
        ? "webhooks need 'Authorization: Bearer <token>' (or set " + ownName + " or VIGIL_HOOK_SECRET to accept HMAC signatures)"
        : "missing or wrong X-Vigil-Signature-256 (sha256=hex HMAC-SHA256 of the body with "
            + (own.isBlank() ? "VIGIL_HOOK_SECRET" : ownName) + ")");
  }

  private static String required(Map<String, Object> m, String field) {
    Object v = m.get(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw ApiException.badRequest(field + ": required" + (v == null ? "" : " and must be a non-empty string"));
    }
    return s;
  }

  private static String str(Object o) {
    return o instanceof String s ? s : o == null ? "" : String.valueOf(o);
  }
}
