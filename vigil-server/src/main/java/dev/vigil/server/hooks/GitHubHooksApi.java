package dev.vigil.server.hooks;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.port.EventStore;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EventAcceptance;
import dev.vigil.integrations.github.GitHubDelivery;
import dev.vigil.integrations.github.GitHubWebhook;
import dev.vigil.integrations.github.MalformedDeliveryException;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.ApiGateFilter;
import jakarta.servlet.http.HttpServletRequest;
import dev.vigil.store.Database;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * GitHub webhooks. A delivery is accepted only when {@code X-Hub-Signature-256} was made with the
 * {@code webhookSecret} of a configured github integration (checked before anything is read or
 * stored), or, without a signature, when it carries a valid API bearer token (a relay or a CI job
 * forwarding deliveries); a redelivery ({@code X-GitHub-Delivery} seen before) answers 200 and is not stored
 * again; an event type Vigil does not act on is stored with the reason and wakes nothing (202).
 */
@RestController
@Tag(name = "events")
public class GitHubHooksApi {
  private static final Logger log = LoggerFactory.getLogger(GitHubHooksApi.class);
  private final HookCredentials credentials;
  private final Engine engine;
  private final EventStore events;
  private final Database db;
  private final Clock clock;

  private final ApiGateFilter gate;

  public GitHubHooksApi(HookCredentials credentials, ApiGateFilter gate, Engine engine, EventStore events, Database db,
      Clock clock) {
    this.gate = gate;
    this.credentials = credentials;
    this.engine = engine;
    this.events = events;
    this.db = db;
    this.clock = clock;
  }

  @PostMapping(value = "/hooks/github", consumes = "*/*")
  @Operation(summary = "GitHub webhook (application/json), verified with X-Hub-Signature-256 and the webhookSecret"
      + " of a github integration; deduplicated by X-GitHub-Delivery")
  public ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(value = "X-Hub-Signature-256", required = false) String signature,
      @RequestHeader(value = "X-GitHub-Event", required = false) String eventType,
      @RequestHeader(value = "X-GitHub-Delivery", required = false) String deliveryId, HttpServletRequest req) {
    byte[] payload = body == null ? new byte[0] : body;
    Optional<String> verifiedBy = signature == null
        ? gate.authenticate(req).map(token -> "api")
        : credentials.of(IntegrationType.GITHUB, "webhookSecret").stream()
            .filter(c -> GitHubWebhook.signatureMatches(payload, signature, c.secret()))
            .map(HookCredentials.Candidate::integration).findFirst();
    if (verifiedBy.isEmpty()) {
      log.warn("github delivery refused: signature missing or wrong delivery={} event={}", deliveryId, eventType);
      throw new ApiException(HttpStatus.UNAUTHORIZED, signature == null
          ? "missing X-Hub-Signature-256 (set the webhook's secret in GitHub to the webhookSecret of a github"
              + " integration) or 'Authorization: Bearer <API token>'"
          : "X-Hub-Signature-256 does not match the body with the webhookSecret of any github integration");
    }
    GitHubDelivery delivery;
    try {
      delivery = GitHubWebhook.parse(eventType, deliveryId, payload, clock.instant());
    } catch (MalformedDeliveryException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Event event = withLabel(delivery.event(), "integration", verifiedBy.get());
    if (delivery.ignored()) {
      String reason = delivery.ignoredBecause().get();
      log.info("github delivery stored and ignored delivery={} event={} reason=\"{}\"", deliveryId, eventType, reason);
      return storeIgnored(db, events, event, reason);
    }
    return answer(engine.acceptEvent(event));
  }

  /**
   * Stores an event Vigil does not act on, labelled with the reason, without waking anything: 202,
   * or 200 when the sender's delivery id was seen before (stored once).
   */
  static ResponseEntity<Map<String, Object>> storeIgnored(Database db, EventStore events, Event event, String reason) {
    Event kept = withLabel(event, "ignored", reason);
    Optional<EventId> duplicate = db.transactor().inTransaction(() -> events.saveUnlessDuplicate(kept));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("event", duplicate.orElse(kept.id()).value());
    answer.put("duplicate", duplicate.isPresent());
    answer.put("ignored", reason);
    return ResponseEntity.status(duplicate.isPresent() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(answer);
  }

  /** 202 with the event and the runs it started; 200 for a redelivery, which started nothing. */
  static ResponseEntity<Map<String, Object>> answer(EventAcceptance accepted) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("event", accepted.duplicateOf().orElse(accepted.eventId()).value());
    answer.put("duplicate", accepted.duplicateOf().isPresent());
    answer.put("runs", accepted.runs().stream().map(r -> r.value()).toList());
    return ResponseEntity.status(accepted.duplicateOf().isPresent() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(answer);
  }

  static Event withLabel(Event e, String key, String value) {
    Map<String, String> labels = new LinkedHashMap<>(e.labels());
    labels.put(key, value);
    return new Event(e.id(), e.source(), e.type(), e.subject(), e.time(), e.deliveryId(), labels, e.text(),
        e.payloadJson());
  }
}
