package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployNoticeTest {
  private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

  private static Event event(String type, Map<String, String> labels, String subject) {
    return new Event(EventId.random(), "github", type, subject, AT, "d-1", labels, "", "{}");
  }

  @Test
  void aSuccessfulDeploymentStatusNamesServiceVersionAndSha() {
    StringBuilder why = new StringBuilder();
    Optional<DeployNotice> notice = DeployNotice.from(event("deployment_status", Map.of("state", "success",
        "repository", "acme/shop", "service", "checkout", "version", "2.4.0", "sha",
        "0123456789abcdef0123456789abcdef01234567", "environment", "production"), ""), why);

    assertThat(notice).get().satisfies(n -> {
      assertThat(n.title()).isEqualTo("checkout 2.4.0 (production)");
      assertThat(n.deployedAt()).isEqualTo(AT);
      assertThat(n.repository()).isEqualTo("acme/shop");
    });
    assertThat(why).isEmpty();
  }

  @Test
  void withoutAServiceLabelTheRepositoryNamesItAndTheShortShaIsTheVersion() {
    Optional<DeployNotice> notice = DeployNotice.from(event("deployment", Map.of("repository", "acme/payments",
        "sha", "0123456789abcdef"), ""), new StringBuilder());

    assertThat(notice).get().extracting(DeployNotice::service, DeployNotice::version)
        .containsExactly("payments", "0123456");
  }

  @Test
  void aPendingOrFailedStatusIsNotADeployToWatchAndSaysWhy() {
    StringBuilder why = new StringBuilder();
    assertThat(DeployNotice.from(event("deployment_status", Map.of("state", "in_progress", "service", "cart"), ""),
        why)).isEmpty();
    assertThat(why.toString()).contains("'in_progress', not success");
  }

  @Test
  void anEventWithoutServiceRepositoryOrSubjectIsRefusedWithTheFix() {
    StringBuilder why = new StringBuilder();
    assertThat(DeployNotice.from(event("deploy", Map.of(), ""), why)).isEmpty();
    assertThat(why.toString()).contains("names no service").contains("'service' label");
  }

  @Test
  void aServiceNameThatCouldBreakOutOfALabelMatcherIsRefused() {
    StringBuilder why = new StringBuilder();
    assertThat(DeployNotice.from(event("deploy", Map.of("service", "x\"} or vector(1"), ""), why)).isEmpty();
    assertThat(why.toString()).contains("is not a plain name");
  }

  @Test
  void windowsAreFixedByTheDeployAndTheCheckTime() {
    WatchWindows w = WatchWindows.of(AT, AT.plus(Duration.ofMinutes(5)), Duration.ofMinutes(30), Duration.ofMinutes(2));

    assertThat(w.before().start()).isEqualTo(AT.minus(Duration.ofMinutes(30)));
    assertThat(w.after().start()).isEqualTo(AT.plus(Duration.ofMinutes(2)));
    assertThat(w.after().end()).isEqualTo(AT.plus(Duration.ofMinutes(5)));
    assertThat(w.lastWeek().end()).isEqualTo(AT.plus(Duration.ofMinutes(5)).minus(Duration.ofDays(7)));
    assertThat(w.history().end()).isEqualTo(AT);
    assertThatThrownBy(() -> WatchWindows.of(AT, AT.plus(Duration.ofMinutes(1)), Duration.ofMinutes(30),
        Duration.ofMinutes(2))).hasMessageContaining("before one rate window");
  }

  @Test
  void templatesRenderPerServiceAndFormatTheirUnits() {
    SignalTemplate latency = SignalSets.named("prometheus-http").orElseThrow().getFirst();

    assertThat(latency.render("cart", "2m")).isEqualTo("histogram_quantile(0.99, sum by (le) (rate("
        + "http_server_request_duration_seconds_bucket{service=\"cart\"}[2m])))");
    assertThat(latency.format(0.412)).isEqualTo("412 ms");
    assertThat(latency.format(2.5)).isEqualTo("2.50 s");
    assertThat(SignalSets.named("micrometer").orElseThrow().get(1).render("api", "5m"))
        .contains("application=\"api\",status=~\"5..\"");
    assertThat(SignalSets.named("nope")).isEmpty();
    assertThatThrownBy(() -> new SignalTemplate("x", "up", latency.direction(), latency.tolerance(), "s"))
        .hasMessageContaining("must name $service");
  }
}
