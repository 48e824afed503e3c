package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupersessionTest {
  private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
  private static final String SHA_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String SHA_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  private static Event deploy(String type, String service, String sha, Instant at) {
    return new Event(EventId.random(), "github", type, "", at, "d-" + at + type, Map.of("state", "success",
        "repository", "acme/shop", "service", service, "sha", sha, "environment", "production"), "", "{}");
  }

  private static DeployNotice notice(Event e) {
    return DeployNotice.from(e, new StringBuilder()).orElseThrow();
  }

  @Test
  void a_newer_deploy_of_the_same_service_before_the_check_supersedes_the_watch() {
    Event mine = deploy("deployment_status", "checkout", SHA_A, AT);
    Event newer = deploy("deployment_status", "checkout", SHA_B, AT.plus(Duration.ofMinutes(3)));

    assertThat(Supersession.newerDeploy(notice(mine), List.of(newer), AT.plus(Duration.ofMinutes(5))))
        .get().extracting(DeployNotice::eventId).isEqualTo(newer.id().toString());
  }

  @Test
  void a_deploy_after_the_checks_time_another_service_or_environment_does_not() {
    Event mine = deploy("deployment_status", "checkout", SHA_A, AT);
    Event later = deploy("deployment_status", "checkout", SHA_B, AT.plus(Duration.ofMinutes(6)));
    Event otherService = deploy("deployment_status", "catalog", SHA_B, AT.plus(Duration.ofMinutes(1)));
    Event staging = new Event(EventId.random(), "github", "deployment_status", "", AT.plus(Duration.ofMinutes(2)),
        "d-s", Map.of("state", "success", "service", "checkout", "sha", SHA_B, "environment", "staging"), "", "{}");

    assertThat(Supersession.newerDeploy(notice(mine), List.of(later, otherService, staging),
        AT.plus(Duration.ofMinutes(5)))).isEmpty();
  }

  @Test
  void a_deploy_told_twice_is_watched_once_by_the_first_in_order_only() {
    Event deployment = deploy("deployment", "checkout", SHA_A, AT);
    Event status = deploy("deployment_status", "checkout", SHA_A, AT.plus(Duration.ofSeconds(40)));

    assertThat(Supersession.earlierWatchOfSameDeploy(notice(status), List.of(deployment))).isPresent();
    assertThat(Supersession.earlierWatchOfSameDeploy(notice(deployment), List.of(status))).isEmpty();
    assertThat(Supersession.newerDeploy(notice(deployment), List.of(status), AT.plus(Duration.ofMinutes(5))))
        .as("the same deploy told again does not supersede its own watch").isEmpty();
  }

  @Test
  void the_same_commit_deployed_again_later_is_a_new_deploy_that_supersedes() {
    Event first = deploy("deployment_status", "checkout", SHA_A, AT);
    Event again = deploy("deployment_status", "checkout", SHA_A, AT.plus(Duration.ofMinutes(12)));

    assertThat(Supersession.earlierWatchOfSameDeploy(notice(again), List.of(first))).isEmpty();
    assertThat(Supersession.newerDeploy(notice(first), List.of(again), AT.plus(Duration.ofMinutes(15)))).isPresent();
  }
}
