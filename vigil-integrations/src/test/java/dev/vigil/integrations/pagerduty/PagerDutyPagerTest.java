package dev.vigil.integrations.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.paging.Page;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.testing.FakePagerDutyEvents;
import dev.vigil.integrations.testing.FakePagerDutyEvents.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Events API v2 client against the local fake, which checks requests as PagerDuty does. */
class PagerDutyPagerTest {
  private static final String ROUTING_KEY = "R0ut1ngK3yOfThe5erv1ceF0rTests32";

  private FakePagerDutyEvents pagerDuty;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    pagerDuty = FakePagerDutyEvents.start();
  }

  @AfterEach
  void stop() {
    pagerDuty.close();
  }

  private PagerDutyPager pager(String routingKey, Duration timeout) {
    PagerDutyConfig config = PagerDutyConfig.of(pagerDuty.url(), new Secret(routingKey)).withTimeout(timeout);
    return new PagerDutyPager("pd-payments", config, HttpClient.newHttpClient(), Clock.systemUTC(), waits::add);
  }

  private PagerDutyPager pager() {
    return pager(ROUTING_KEY, Duration.ofSeconds(10));
  }

  private static Page checkoutPage(String dedupKey) {
    return new Page("checkout p99 latency 3x baseline after deploy 4f2a", "checkout", Page.Severity.CRITICAL,
        Optional.ofNullable(dedupKey), Map.of("p99_ms", "912", "baseline_ms", "301"),
        List.of(new Page.Link(URI.create("https://vigil.example.com/findings/17"), "finding")),
        List.of(new Page.Image(URI.create("https://vigil.example.com/findings/17/chart.png"),
            Optional.of(URI.create("https://vigil.example.com/findings/17")), "p99 before and after")));
  }

  @Test
  void a_trigger_is_sent_as_pagerduty_expects_and_returns_the_dedup_key() throws Exception {
    String key = pager().trigger(checkoutPage("deploy-watch/checkout/4f2a"));

    assertThat(key).isEqualTo("deploy-watch/checkout/4f2a");
    assertThat(pagerDuty.requests).containsExactly("POST /v2/enqueue");
    JsonNode event = pagerDuty.accepted.getFirst();
    assertThat(event.path("routing_key").asString()).isEqualTo(ROUTING_KEY);
    assertThat(event.path("event_action").asString()).isEqualTo("trigger");
    assertThat(event.at("/payload/summary").asString()).startsWith("checkout p99 latency");
    assertThat(event.at("/payload/source").asString()).isEqualTo("checkout");
    assertThat(event.at("/payload/severity").asString()).isEqualTo("critical");
    assertThat(event.at("/payload/custom_details/p99_ms").asString()).isEqualTo("912");
    assertThat(event.at("/links/0/href").asString()).isEqualTo("https://vigil.example.com/findings/17");
    assertThat(event.at("/images/0/alt").asString()).isEqualTo("p99 before and after");
  }

  @Test
  void a_trigger_without_a_key_gets_one_that_acknowledge_and_resolve_then_name() throws Exception {
    PagerDutyPager pager = pager();
    String key = pager.trigger(Page.of("disk 95% full", "db-1", Page.Severity.WARNING, null));
    assertThat(key).hasSize(32);
    pager.acknowledge(key);
    pager.resolve(key);

    assertThat(pagerDuty.accepted).extracting(e -> e.path("event_action").asString())
        .containsExactly("trigger", "acknowledge", "resolve");
    assertThat(pagerDuty.accepted.subList(1, 3)).allSatisfy(e -> assertThat(e.path("dedup_key").asString())
        .isEqualTo(key));
  }

  @Test
  void an_event_pagerduty_refuses_is_invalid_names_the_problem_and_is_not_retried() {
    assertThatThrownBy(() -> pager("too-short-key", Duration.ofSeconds(5)).trigger(checkoutPage("k")))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.INVALID);
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).contains("HTTP 400", "Length of 'routing_key' is incorrect")
              .doesNotContain("too-short-key");
        });
    assertThat(pagerDuty.requests).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void a_bad_dedup_key_is_refused_before_sending() {
    assertThatThrownBy(() -> pager().resolve(" "))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind())
            .isEqualTo(IntegrationFailure.Kind.INVALID));
    assertThat(pagerDuty.requests).isEmpty();
  }

  @Test
  void rate_limits_and_server_errors_are_retried_with_backoff_then_succeed() throws Exception {
    pagerDuty.failNext(new Fault(429, "{\"status\":\"throttle event\"}", "2", Duration.ZERO), Fault.status(500),
        Fault.status(503));

    assertThat(pager().trigger(checkoutPage("retried"))).isEqualTo("retried");

    assertThat(pagerDuty.requests).hasSize(4);
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(1000), Duration.ofMillis(2000));
    assertThat(pagerDuty.accepted).hasSize(1);
  }

  @Test
  void a_pagerduty_that_stays_down_is_unavailable_after_the_last_attempt() {
    pagerDuty.failNext(Fault.status(502), Fault.status(502), Fault.status(502), Fault.status(502));

    assertThatThrownBy(() -> pager().resolve("k1"))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.UNAVAILABLE);
          assertThat(f.getMessage()).contains("resolve", "HTTP 502");
        });
    assertThat(pagerDuty.requests).hasSize(4);
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
  }

  @Test
  void a_slow_answer_fails_at_the_timeout() {
    pagerDuty.failNext(Fault.slow(Duration.ofSeconds(3)));
    long started = System.nanoTime();

    assertThatThrownBy(() -> pager(ROUTING_KEY, Duration.ofMillis(700)).acknowledge("k2"))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.retryable()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }
}
