package dev.vigil.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.metrics.LabelMatcher;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceRequestTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
  private static final List<LabelMatcher> PAYMENTS_OR_CHECKOUT = List.of(
      new LabelMatcher("namespace", LabelMatcher.Operator.REGEX, "payments|checkout"));

  private static SilenceRequest silence(LabelMatcher... matchers) {
    return new SilenceRequest(List.of(matchers), T0, T0.plusSeconds(600), "vigil", "test");
  }

  @Test
  void an_equality_the_scope_accepts_confines_the_silence() {
    assertThat(silence(LabelMatcher.equal("namespace", "checkout"), LabelMatcher.equal("alertname", "X"))
        .confinedTo(PAYMENTS_OR_CHECKOUT)).isTrue();
    assertThat(silence(PAYMENTS_OR_CHECKOUT.getFirst()).confinedTo(PAYMENTS_OR_CHECKOUT)).isTrue();
  }

  @Test
  void anything_that_could_reach_outside_the_scope_does_not() {
    assertThat(silence(LabelMatcher.equal("namespace", "search")).confinedTo(PAYMENTS_OR_CHECKOUT)).isFalse();
    assertThat(silence(LabelMatcher.equal("alertname", "X")).confinedTo(PAYMENTS_OR_CHECKOUT)).isFalse();
    assertThat(silence(new LabelMatcher("namespace", LabelMatcher.Operator.REGEX, "pay.*"))
        .confinedTo(PAYMENTS_OR_CHECKOUT)).isFalse();
    assertThat(silence(LabelMatcher.equal("alertname", "X"),
        new LabelMatcher("namespace", LabelMatcher.Operator.NOT_EQUAL, "search")).confinedTo(PAYMENTS_OR_CHECKOUT))
        .isFalse();
  }

  @Test
  void an_empty_scope_confines_nothing_and_allows_every_silence() {
    assertThat(silence(LabelMatcher.equal("alertname", "X")).confinedTo(List.of())).isTrue();
  }

  @Test
  void a_held_silence_is_judged_by_the_same_rule() {
    Silence held = new Silence("id-1", List.of(LabelMatcher.equal("namespace", "payments")), T0, T0.plusSeconds(60),
        "someone", "", "active");
    assertThat(held.confinedTo(PAYMENTS_OR_CHECKOUT)).isTrue();
    assertThat(held.confinedTo(List.of(LabelMatcher.equal("namespace", "search")))).isFalse();
  }
}
