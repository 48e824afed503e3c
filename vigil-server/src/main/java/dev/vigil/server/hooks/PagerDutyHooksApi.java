package dev.vigil.server.hooks;

import dev.vigil.core.event.Event;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.port.EventStore;
import dev.vigil.engine.Engine;
import dev.vigil.integrations.pagerduty.MalformedWebhookException;
import dev.vigil.integrations.pagerduty.PagerDutyDelivery;
import dev.vigil.integrations.pagerduty.PagerDutyWebhook;
import dev.vigil.server.web.ApiException;
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
 * PagerDuty webhooks v3. A delivery is accepted only when one of the {@code v1=} signatures of
 * {@code X-PagerDuty-Signature} was made with the {@code webhookSecret} of a configured pagerduty
 * integration (checked before the body is read); there is no token alternative, since PagerDuty
 * always signs. {@code incident.*} events wake agents; the same event id delivered again answers
 * 200 and is not stored twice; {@code pagey.ping} is answered and not stored; any other event type
 * is stored with the reason and wakes nothing (202).
 */
@RestController
@Tag(name = "events")
public class PagerDutyHooksApi {
  private static final Logger log = LoggerFactory.getLogger(PagerDutyHooksApi.class);
  private final HookCredentials credentials;
  private final Engine engine;
  private final EventStore events;
  private final Database db;
  private final Clock clock;

  public PagerDutyHooksApi(HookCredentials credentials, Engine engine, EventStore events, Database db, Clock clock) {
    this.credentials = credentials;
    this.engine = engine;
    this.events = events;
    this.db = db;
    this.clock = clock;
  }

  @PostMapping(value = "/hooks/pagerduty", consumes = "*/*")
  @Operation(summary = "PagerDuty webhook v3 (application/json), verified with X-PagerDuty-Signature and the"
      + " webhookSecret of a pagerduty integration; deduplicated by the event id")
  public ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(value = "X-PagerDuty-Signature", required = false) String signature) {
    byte[] payload = body == null ? new byte[0] : body;
    Optional<String> verifiedBy = credentials.of(IntegrationType.PAGERDUTY, "webhookSecret").stream()
        .filter(c -> PagerDutyWebhook.signatureMatches(payload, signature, c.secret()))
        .map(HookCredentials.Candidate::integration).findFirst();
    if (verifiedBy.isEmpty()) {
      log.warn("pagerduty delivery refused: signature missing or wrong signed={}", signature != null);
      throw new ApiException(HttpStatus.UNAUTHORIZED, signature == null
          ? "missing X-PagerDuty-Signature (set the webhook subscription's signing secret as the webhookSecret of a"
              + " pagerduty integration)"
          : "X-PagerDuty-Signature has no v1 signature matching the body with the webhookSecret of any pagerduty"
              + " integration");
    }
    PagerDutyDelivery delivery;
    try {
      delivery = PagerDutyWebhook.parse(payload, clock.instant());
    } catch (MalformedWebhookException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Event event = GitHubHooksApi.withLabel(delivery.event(), "integration", verifiedBy.get());
    if (delivery.ping()) {
      log.info("pagerduty ping answered integration={} event_id={}", verifiedBy.get(), event.deliveryId());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("ping", true);
      return ResponseEntity.ok(answer);
    }
    if (delivery.ignored()) {
      String reason = delivery.ignoredBecause().get();
      log.info("pagerduty event stored and ignored event_id={} type={} reason=\"{}\"", event.deliveryId(),
          event.type(), reason);
      return GitHubHooksApi.storeIgnored(db, events, event, reason);
    }
    return GitHubHooksApi.answer(engine.acceptEvent(event));
  }
}
