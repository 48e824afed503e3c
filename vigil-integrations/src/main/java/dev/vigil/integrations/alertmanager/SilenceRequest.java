package dev.vigil.integrations.alertmanager;

import dev.vigil.core.metrics.LabelMatcher;
import java.time.Instant;
import java.util.List;

/**
 * A silence to create: mutes every alert matching all {@code matchers} from {@code startsAt} to
 * {@code endsAt}. Alertmanager requires an author and a comment; Vigil puts the agent and the run
 * there so a person can see who muted what and why.
 */
public record SilenceRequest(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
    String comment) {
  public SilenceRequest {
    if (matchers == null || matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    matchers = List.copyOf(matchers);
    if (matchers.stream().allMatch(m -> m.matches(""))) {
      // Alertmanager refuses these too: they would silence every alert.
      throw new IllegalArgumentException("a silence needs at least one matcher that does not match the empty string,"
          + " got " + matchers);
    }
    if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("a silence must end after it starts, got " + startsAt + " to " + endsAt);
    }
    if (createdBy == null || createdBy.isBlank() || comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("a silence needs createdBy and a comment");
    }
  }

  /**
   * Whether this silence can only mute alerts inside {@code scope}: each scope matcher appears among
   * the silence's matchers as written. An {@code alerts:silence} grant scoped to
   * {@code namespace="payments"} allows exactly the silences confined to it. An empty scope confines
   * nothing and allows everything.
   */
  public boolean confinedTo(List<LabelMatcher> scope) {
    return matchers.containsAll(scope);
  }
}
