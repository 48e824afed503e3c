package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeRangeTest {
  private static final Instant T = Instant.parse("2026-11-25T20:29:34Z");
  private static final DeployNotice CHECKOUT = new DeployNotice("checkout", "2.4.0", "be309e1aaaa", "production",
      "acme/shop", T, "ev-1");

  private static Event deploy(String service, String sha, Instant at) {
    return new Event(EventId.random(), "github", "deployment_status", "acme/shop", at, "", Map.of("state", "success",
        "service", service, "sha", sha, "environment", "production", "version", "v-" + sha), "", "{}");
  }

  @Test
  void the_event_naming_the_previous_commit_wins() {
    var previous = ChangeRange.previous(CHECKOUT, Map.of("previousSha", "588f561"), List.of(deploy("checkout",
        "1234567", T.minusSeconds(60))));

    assertThat(previous).get().extracting(ChangeRange.Previous::sha).isEqualTo("588f561");
  }

  @Test
  void else_the_newest_earlier_deploy_of_the_same_service_and_environment_with_another_commit() {
    var previous = ChangeRange.previous(CHECKOUT, Map.of("previousSha", "not-a-sha"), List.of(
        deploy("checkout", "1111111", T.minusSeconds(7200)), deploy("checkout", "2222222", T.minusSeconds(3600)),
        deploy("cart", "3333333", T.minusSeconds(60)), deploy("checkout", "be309e1aaaa", T.minusSeconds(30)),
        deploy("checkout", "4444444", T.plusSeconds(60))));

    assertThat(previous).get().satisfies(p -> {
      assertThat(p.sha()).isEqualTo("2222222");
      assertThat(p.how()).startsWith("the deploy of v-2222222 at ");
    });
  }

  @Test
  void nothing_known_is_said_as_unknown() {
    assertThat(ChangeRange.previous(CHECKOUT, Map.of(), List.of(deploy("cart", "3333333", T.minusSeconds(60)))))
        .isEmpty();
  }

  @Test
  void a_range_survives_the_step_output() {
    ChangeRange range = new ChangeRange("acme/shop", "588f561", "be309e1", List.of(new ChangeRange.Commit(
        "be309e1aaaa", "new tax calculation", "Tom Becker", List.of("services/checkout/src/tax.py"),
        List.of("checkout"))), List.of("services/checkout/src/tax.py"), false, true);

    assertThat(ChangeRange.fromOutput(range.toOutput())).isEqualTo(range);
    assertThat(range.commits().getFirst().describe()).isEqualTo("be309e1 \"new tax calculation\" (Tom Becker)");
  }
}
