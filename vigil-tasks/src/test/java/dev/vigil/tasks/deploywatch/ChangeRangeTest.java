package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.ChangeType;
import dev.vigil.core.change.ChangedCommit;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.FileChange;
import dev.vigil.core.change.PullRequestRef;
import dev.vigil.core.event.Event;
import dev.vigil.core.port.ChangeSource;
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
        List.of("checkout"))), List.of("services/checkout/src/tax.py"), false, true,
        List.of("#42 \"New tax calculation\" (tbecker)"));

    assertThat(ChangeRange.fromOutput(range.toOutput())).isEqualTo(range);
    assertThat(range.commits().getFirst().describe()).isEqualTo("be309e1 \"new tax calculation\" (Tom Becker)");
  }

  @Test
  void each_commit_gets_the_paths_it_changed_against_the_one_before_it_and_the_head_its_pull_requests() throws Exception {
    CommitSha base = CommitSha.of("1111111");
    CommitSha older = CommitSha.of("2222222");
    CommitSha head = CommitSha.of("3333333");
    Map<String, Changeset> answers = Map.of(
        "1111111..3333333", changeset(base, head, List.of(commit(head, "new tax calculation"), commit(older, "labels")),
            List.of("services/checkout/tax.py", "services/shipping/labels.py"),
            List.of(new PullRequestRef(42, "New tax calculation", "", "tbecker", "merged"))),
        "2222222..3333333", changeset(older, head, List.of(commit(head, "new tax calculation")),
            List.of("services/checkout/tax.py"), List.of()),
        "1111111..2222222", changeset(base, older, List.of(commit(older, "labels")),
            List.of("services/shipping/labels.py"), List.of()));
    ChangeSource source = new ChangeSource() {
      @Override
      public String integration() {
        return "repo";
      }

      @Override
      public Changeset changeset(String repository, CommitSha from, CommitSha to, ChangeLimits limits) {
        return answers.get(from + ".." + to);
      }
    };

    ChangeRange range = ChangeRange.read(source, "acme/shop", "1111111", "3333333",
        paths -> paths.stream().map(p -> p.split("/")[1]).distinct().toList());

    assertThat(range.commits()).extracting(ChangeRange.Commit::services)
        .containsExactly(List.of("checkout"), List.of("shipping"));
    assertThat(range.attributed()).isTrue();
    assertThat(range.pullRequests()).containsExactly("#42 \"New tax calculation\" (tbecker)");
  }

  private static ChangedCommit commit(CommitSha sha, String message) {
    return new ChangedCommit(sha, "Tom Becker", "", T, message);
  }

  private static Changeset changeset(CommitSha base, CommitSha head, List<ChangedCommit> commits, List<String> paths,
      List<PullRequestRef> pulls) {
    return new Changeset("acme/shop", base, head, commits, paths.stream().map(p -> new FileChange(p, p,
        ChangeType.MODIFIED, 1, 0, false, "", false)).toList(), pulls, false);
  }
}
