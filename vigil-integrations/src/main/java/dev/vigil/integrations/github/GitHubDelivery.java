package dev.vigil.integrations.github;

import dev.vigil.core.event.Event;
import java.util.Optional;

/**
 * One webhook delivery translated: the event to store, and, for an event type Vigil does not act
 * on, why it is kept without waking anything.
 *
 * @param event the event, source {@code github}, type the {@code X-GitHub-Event} header
 * @param ignoredBecause present when the event must be stored but must not wake agents
 */
public record GitHubDelivery(Event event, Optional<String> ignoredBecause) {
  public GitHubDelivery {
    if (event == null) {
      throw new IllegalArgumentException("a delivery needs its event");
    }
    ignoredBecause = ignoredBecause == null ? Optional.empty() : ignoredBecause;
  }

  public boolean ignored() {
    return ignoredBecause.isPresent();
  }
}
