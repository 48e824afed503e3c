package dev.vigil.integrations.pagerduty;

import dev.vigil.core.event.Event;
import java.util.Optional;

/**
 * One webhook v3 delivery translated.
 *
 * @param event the event to store, source {@code pagerduty}, type the v3 {@code event_type}
 *     ({@code incident.triggered}); its delivery id is PagerDuty's event id
 * @param ignoredBecause present when the event must be stored but must not wake agents
 */
public record PagerDutyDelivery(Event event, Optional<String> ignoredBecause) {
  public PagerDutyDelivery {
    if (event == null) {
      throw new IllegalArgumentException("a delivery needs its event");
    }
    ignoredBecause = ignoredBecause == null ? Optional.empty() : ignoredBecause;
  }

  /** PagerDuty's test delivery when a subscription is created; answered, never stored. */
  public boolean ping() {
    return event.type().equals(PagerDutyWebhook.PING);
  }

  public boolean ignored() {
    return ignoredBecause.isPresent();
  }
}
