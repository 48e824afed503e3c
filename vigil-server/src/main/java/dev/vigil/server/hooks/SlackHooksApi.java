package dev.vigil.server.hooks;

import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.engine.Engine;
import dev.vigil.engine.EventAcceptance;
import dev.vigil.integrations.slack.SlackDelivery;
import dev.vigil.integrations.slack.SlackEvents;
import dev.vigil.integrations.slack.SlackRequestVerifier;
import dev.vigil.integrations.slack.SlackRequestVerifier.Check;
import dev.vigil.server.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Slack's Events API. A request is accepted only when signed (v0) with the {@code signingSecret} of
 * a slack integration within five minutes of now; then {@code url_verification} is answered with
 * its challenge, and an {@code app_mention} or a direct message becomes a message wake-up (a retry
 * of the same {@code event_id} wakes nothing twice). Other verified events are answered 200 with
 * the reason they were ignored, so that Slack does not retry them.
 */
@RestController
@Tag(name = "events")
public class SlackHooksApi {
  private static final Logger log = LoggerFactory.getLogger(SlackHooksApi.class);
  private final HookCredentials credentials;
  private final IntegrationStore integrations;
  private final Engine engine;
  private final Clock clock;

  public SlackHooksApi(HookCredentials credentials, IntegrationStore integrations, Engine engine, Clock clock) {
    this.credentials = credentials;
    this.integrations = integrations;
    this.engine = engine;
    this.clock = clock;
  }

  @PostMapping(value = "/hooks/slack", consumes = "*/*")
  @Operation(summary = "Slack Events API: signed with a slack integration's signingSecret (v0, 5-minute window);"
      + " url_verification, app_mention and message.im")
  public ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(value = "X-Slack-Request-Timestamp", required = false) String timestamp,
      @RequestHeader(value = "X-Slack-Signature", required = false) String signature) {
    byte[] payload = body == null ? new byte[0] : body;
    Instant now = clock.instant();
    Check outcome = Check.MISSING;
    Optional<String> verifiedBy = Optional.empty();
    for (HookCredentials.Candidate c : credentials.of(IntegrationType.SLACK, "signingSecret")) {
      Check check = SlackRequestVerifier.check(timestamp, signature, payload, c.secret(), now);
      if (check == Check.VALID) {
        verifiedBy = Optional.of(c.integration());
        break;
      }
      outcome = check;
    }
    if (verifiedBy.isEmpty()) {
      log.warn("slack request refused outcome={}", outcome);
      throw new ApiException(HttpStatus.UNAUTHORIZED, switch (outcome) {
        case REPLAYED -> "X-Slack-Request-Timestamp is more than 5 minutes from now: a replayed or delayed request";
        case MISSING -> "missing X-Slack-Request-Timestamp or X-Slack-Signature (v0=...), or no slack integration"
            + " with a signingSecret that resolves";
        default -> "X-Slack-Signature does not match the body with the signingSecret of any slack integration";
      });
    }
    String integration = verifiedBy.get();
    List<String> agents = integrations.find(integration).map(IntegrationConfig::agents).orElse(List.of());
    SlackDelivery delivery;
    try {
      delivery = SlackEvents.parse(payload, integration, agents, now);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    switch (delivery) {
      case SlackDelivery.UrlVerification v -> answer.put("challenge", v.challenge());
      case SlackDelivery.Ignored i -> answer.put("ignored", i.reason());
      case SlackDelivery.Message m -> {
        EventAcceptance accepted = engine.acceptMessage(m.message(), SlackEvents.redacted(payload));
        answer.put("event", accepted.duplicateOf().orElse(accepted.eventId()).value());
        answer.put("duplicate", accepted.duplicateOf().isPresent());
        answer.put("runs", accepted.runs().stream().map(r -> r.value()).toList());
      }
    }
    // Slack treats anything but a quick 200 as a failed delivery and retries it.
    return ResponseEntity.ok(answer);
  }
}
