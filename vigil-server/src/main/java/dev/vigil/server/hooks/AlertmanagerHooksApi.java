package dev.vigil.server.hooks;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.engine.Engine;
import dev.vigil.integrations.alertmanager.AlertGroupNotification;
import dev.vigil.integrations.alertmanager.AlertmanagerWebhook;
import dev.vigil.integrations.alertmanager.MalformedNotificationException;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.ApiGateFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alertmanager's webhook receiver (payload version 4): each notification is one alert group and
 * becomes one event ({@code source: alertmanager}, {@code type: firing|resolved}). Alertmanager
 * authenticates with {@code Authorization: Bearer} from its {@code http_config}: either a Vigil API
 * token or the {@code webhookToken} of an alertmanager integration. Retries of the same group state
 * answer 200 and are not stored again.
 */
@RestController
@Tag(name = "events")
public class AlertmanagerHooksApi {
  private final HookCredentials credentials;
  private final ApiGateFilter gate;
  private final Engine engine;
  private final Clock clock;

  public AlertmanagerHooksApi(HookCredentials credentials, ApiGateFilter gate, Engine engine, Clock clock) {
    this.credentials = credentials;
    this.gate = gate;
    this.engine = engine;
    this.clock = clock;
  }

  @PostMapping(value = "/hooks/alertmanager", consumes = "*/*")
  @Operation(summary = "Alertmanager webhook (version 4): one event per alert group; Authorization: Bearer with an"
      + " API token or an alertmanager integration's webhookToken")
  public ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body, HttpServletRequest req) {
    Optional<String> by = authenticate(req);
    if (by.isEmpty()) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "Alertmanager must send 'Authorization: Bearer <token>' (its"
          + " http_config.authorization) with an API token or the webhookToken of an alertmanager integration");
    }
    byte[] payload = body == null ? new byte[0] : body;
    AlertGroupNotification notification;
    try {
      notification = AlertmanagerWebhook.parse(payload);
    } catch (MalformedNotificationException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Event parsed = notification.toEvent(EventId.random(), clock.instant(), new String(payload, StandardCharsets.UTF_8));
    // An alert's own label of that name wins: it is what the alert's author filters on.
    Event event = parsed.labels().containsKey("integration") ? parsed
        : GitHubHooksApi.withLabel(parsed, "integration", by.get());
    return GitHubHooksApi.answer(engine.acceptEvent(event));
  }

  /** The integration (or {@code api}) the request authenticated as. */
  private Optional<String> authenticate(HttpServletRequest req) {
    if (gate.authenticate(req).isPresent()) {
      return Optional.of("api");
    }
    String header = req.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    for (HookCredentials.Candidate c : credentials.of(IntegrationType.ALERTMANAGER, "webhookToken")) {
      if (MessageDigest.isEqual(presented, c.secret().reveal().getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(c.integration());
      }
    }
    return Optional.empty();
  }
}
