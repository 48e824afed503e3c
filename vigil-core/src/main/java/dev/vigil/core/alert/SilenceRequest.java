package dev.vigil.core.alert;

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
   * Whether this silence can only mute alerts inside {@code scope} (matchers that must all hold).
   * Each scope matcher must be implied by one of the silence's: the same matcher as written, or an
   * equality on the same label whose value the scope matcher accepts ({@code namespace="payments"}
   * under {@code namespace=~"payments|checkout"}). Anything looser ({@code namespace=~"pay.*"}, no
   * matcher on the label) could mute alerts outside it. An empty scope confines nothing and allows
   * everything.
   */
  public boolean confinedTo(List<LabelMatcher> scope) {
    return confined(matchers, scope);
  }

  static boolean confined(List<LabelMatcher> matchers, List<LabelMatcher> scope) {
    return scope.stream().allMatch(required -> matchers.stream().anyMatch(m -> m.equals(required)
        || (m.name().equals(required.name()) && m.operator() == LabelMatcher.Operator.EQUAL
            && required.matches(m.value()))));
  }
}
