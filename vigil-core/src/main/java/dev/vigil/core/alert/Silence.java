package dev.vigil.core.alert;

import dev.vigil.core.metrics.LabelMatcher;
import java.time.Instant;
import java.util.List;

/**
 * A silence as the alert manager holds it (Alertmanager's {@code GET /api/v2/silences}).
 *
 * @param state {@code active}, {@code pending} (starts later) or {@code expired}
 */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
    String comment, String state) {
  public Silence {
    if (id == null || id.isEmpty() || startsAt == null || endsAt == null || state == null) {
      throw new IllegalArgumentException("silence needs an id, start, end and state");
    }
    matchers = List.copyOf(matchers);
    createdBy = createdBy == null ? "" : createdBy;
    comment = comment == null ? "" : comment;
  }

  public boolean active() {
    return state.equals("active");
  }

  /** Whether this silence can only mute alerts inside {@code scope}; see {@link SilenceRequest#confinedTo}. */
  public boolean confinedTo(List<LabelMatcher> scope) {
    return SilenceRequest.confined(matchers, scope);
  }
}
