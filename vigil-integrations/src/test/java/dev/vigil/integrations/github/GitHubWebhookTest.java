package dev.vigil.integrations.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.testing.BenchPayloads;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitHub deliveries from octokit/webhooks' real examples, signed here as GitHub signs them. */
class GitHubWebhookTest {
  private static final Instant RECEIVED = Instant.parse("2026-05-04T09:00:00Z");
  private static final Secret SECRET = new Secret("It's a Secret to Everybody");

  private static byte[] payload(String event, String file) {
    return BenchPayloads.read(BenchPayloads.github(event, file));
  }

  private static Event parse(String event, String file) {
    GitHubDelivery delivery = GitHubWebhook.parse(event, "d-" + event, payload(event, file), RECEIVED);
    assertThat(delivery.ignored()).isFalse();
    return delivery.event();
  }

  @Test
  void githubs_documented_example_signature_is_reproduced() {
    // The example from GitHub's "Validating webhook deliveries" page: secret and body as given there.
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    assertThat(GitHubWebhook.sign(body, SECRET))
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void a_signature_matches_only_the_same_body_and_secret() {
    byte[] body = payload("push", "payload.json");
    String header = GitHubWebhook.sign(body, SECRET);

    assertThat(GitHubWebhook.signatureMatches(body, header, SECRET)).isTrue();
    byte[] tampered = Arrays.copyOf(body, body.length);
    tampered[10] ^= 1;
    assertThat(GitHubWebhook.signatureMatches(tampered, header, SECRET)).isFalse();
    assertThat(GitHubWebhook.signatureMatches(body, header, new Secret("another secret"))).isFalse();
    assertThat(GitHubWebhook.signatureMatches(body, header.replace("sha256=", "sha1="), SECRET)).isFalse();
    assertThat(GitHubWebhook.signatureMatches(body, "sha256=not-hex", SECRET)).isFalse();
    assertThat(GitHubWebhook.signatureMatches(body, "sha256=" + "ab".repeat(16), SECRET)).isFalse();
    assertThat(GitHubWebhook.signatureMatches(body, null, SECRET)).isFalse();
  }

  @Test
  void deployment_status_carries_environment_state_ref_and_sha() {
    Event e = parse("deployment_status", "payload.json");

    assertThat(e.source()).isEqualTo("github");
    assertThat(e.type()).isEqualTo("deployment_status");
    assertThat(e.subject()).isEqualTo("Codertocat/Hello-World");
    assertThat(e.deliveryId()).isEqualTo("d-deployment_status");
    assertThat(e.labels()).containsEntry("environment", "production").containsEntry("state", "success")
        .containsEntry("ref", "master").containsEntry("sha", "f95f852bd8fca8fcc58a9a2d6c842781e32a215e")
        .containsEntry("action", "created").containsEntry("repository", "Codertocat/Hello-World");
    assertThat(e.time()).isEqualTo(Instant.parse("2019-05-15T15:20:55Z"));
    assertThat(e.text()).contains("deployment of master to production in Codertocat/Hello-World: success");
  }

  @Test
  void workflow_run_carries_conclusion_branch_and_sha() {
    Event e = parse("workflow_run", "completed.payload.json");

    assertThat(e.labels()).containsEntry("action", "completed").containsEntry("status", "completed")
        .containsEntry("conclusion", "success").containsEntry("branch", "master")
        .containsEntry("sha", "3484a3fb816e0859fd6e1cea078d76385ff50625");
    assertThat(e.text()).contains("update actions/setup-node digest");
  }

  @Test
  void push_of_a_tag_names_the_tag_and_pull_request_names_its_branches() {
    Event tag = parse("push", "payload.json");
    assertThat(tag.labels()).containsEntry("ref", "refs/tags/simple-tag").containsEntry("tag", "simple-tag")
        .doesNotContainKey("branch").containsEntry("commits", "0");

    Event pr = parse("pull_request", "opened.payload.json");
    assertThat(pr.labels()).containsEntry("action", "opened").containsKeys("number", "base", "head", "sha");
    assertThat(pr.text()).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource({"deployment,payload.json", "deployment_status,gh-pages.payload.json", "push,with-new-branch.payload.json",
      "pull_request,closed.payload.json", "pull_request,synchronize.payload.json",
      "workflow_run,completed.with-pull-requests.payload.json", "workflow_run,requested.payload.json",
      "release,published.payload.json", "ping,payload.json"})
  void every_handled_example_becomes_an_event_about_its_repository(String event, String file) {
    Event e = parse(event, file);
    assertThat(e.subject()).contains("/");
    assertThat(e.labels()).containsKey("repository");
    assertThat(e.payloadJson()).isEqualTo(new String(payload(event, file), StandardCharsets.UTF_8));
  }

  @Test
  void an_event_type_not_acted_on_is_kept_with_the_reason() {
    GitHubDelivery delivery = GitHubWebhook.parse("check_run", "d-1", payload("check_run", "completed.payload.json"),
        RECEIVED);

    assertThat(delivery.ignoredBecause()).hasValueSatisfying(reason ->
        assertThat(reason).startsWith("event type 'check_run' is not acted on (handled: deployment,"));
    assertThat(delivery.event().type()).isEqualTo("check_run");
  }

  @Test
  void bodies_and_headers_that_cannot_be_read_are_refused_naming_the_problem() {
    byte[] ok = payload("ping", "payload.json");
    assertThatThrownBy(() -> GitHubWebhook.parse("push", "d", "{not json".getBytes(StandardCharsets.UTF_8), RECEIVED))
        .isInstanceOf(MalformedDeliveryException.class).hasMessageStartingWith("body is not JSON");
    assertThatThrownBy(() -> GitHubWebhook.parse("push", "d", "[1]".getBytes(StandardCharsets.UTF_8), RECEIVED))
        .hasMessage("body must be a JSON object");
    assertThatThrownBy(() -> GitHubWebhook.parse(null, "d", ok, RECEIVED)).hasMessageStartingWith("X-GitHub-Event");
    assertThatThrownBy(() -> GitHubWebhook.parse("ping", " ", ok, RECEIVED)).hasMessageStartingWith("X-GitHub-Delivery");
  }
}
