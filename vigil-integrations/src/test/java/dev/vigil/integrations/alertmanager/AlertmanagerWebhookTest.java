package dev.vigil.integrations.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.integrations.testing.BenchPayloads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing of the webhook bodies Alertmanager 0.25 really sent (shared bench payloads). */
class AlertmanagerWebhookTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-25T00:00:00Z");

  private static AlertGroupNotification payload(String file) {
    return AlertmanagerWebhook.parse(BenchPayloads.read(BenchPayloads.alertmanager(file)));
  }

  @Test
  void a_firing_group_of_two_alerts_is_read_whole() {
    AlertGroupNotification n = payload("firing_HighErrorRate_2alerts.json");
    assertThat(n.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(n.receiver()).isEqualTo("bench-webhook");
    assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"HighErrorRate\", service=\"checkout\"}");
    assertThat(n.groupLabels()).containsEntry("alertname", "HighErrorRate").containsEntry("service", "checkout");
    assertThat(n.commonLabels()).containsEntry("severity", "warning");
    assertThat(n.commonAnnotations()).containsEntry("summary", "5xx ratio above 2%");
    assertThat(n.externalUrl()).contains(URI.create("http://alertmanager.example.internal:9093"));
    assertThat(n.alerts()).hasSize(2).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
      assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-11-24T21:32:20Z"));
      assertThat(a.endsAt()).as("Go's zero time means still firing").isEmpty();
      assertThat(a.generatorUrl()).isPresent();
    });
    assertThat(n.alerts()).extracting(NotifiedAlert::fingerprint).containsExactly("267813df5b7a3d1e",
        "97a8fdc16972114a");
    assertThat(n.alerts().getFirst().labels()).containsEntry("pod", "checkout-7d9f8c6b5-q8m1z");
  }

  @Test
  void a_resolved_group_carries_the_end_times() {
    AlertGroupNotification n = payload("resolved_HighErrorRate_2alerts.json");
    assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(n.alerts()).allSatisfy(a -> {
      assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(a.endsAt()).isPresent();
      assertThat(a.endsAt().orElseThrow()).isAfter(a.startsAt());
    });
    assertThat(n.firing()).isEmpty();
  }

  @Test
  void each_group_becomes_one_event_with_labels_text_and_a_stable_delivery_id() {
    byte[] body = BenchPayloads.read(BenchPayloads.alertmanager("firing_HighRequestLatencyP99.json"));
    AlertGroupNotification n = AlertmanagerWebhook.parse(body);
    Event event = n.toEvent(EventId.random(), RECEIVED, new String(body, StandardCharsets.UTF_8));
    assertThat(event.source()).isEqualTo("alertmanager");
    assertThat(event.type()).isEqualTo("firing");
    assertThat(event.subject()).isEqualTo("checkout");
    assertThat(event.labels()).containsEntry("alertname", "HighRequestLatencyP99").containsEntry("alerts", "1")
        .containsEntry("receiver", "bench-webhook");
    assertThat(event.text()).contains("p99 latency above 1.5s");
    assertThat(event.time()).isEqualTo(n.alerts().getFirst().startsAt());
    Event again = AlertmanagerWebhook.parse(body).toEvent(EventId.random(), RECEIVED.plusSeconds(60), "{}");
    assertThat(again.deliveryId()).as("a redelivery is recognised").isEqualTo(event.deliveryId());
    Event resolved = payload("resolved_HighRequestLatencyP99.json").toEvent(EventId.random(), RECEIVED, "{}");
    assertThat(resolved.type()).isEqualTo("resolved");
    assertThat(resolved.deliveryId()).isNotEqualTo(event.deliveryId());
    assertThat(resolved.time()).isEqualTo(payload("resolved_HighRequestLatencyP99.json").alerts().getFirst()
        .endsAt().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      not json                                                          | not JSON
      []                                                                | must be a JSON object
      {"version":"3","status":"firing","groupKey":"k","alerts":[]}      | version '3' is not supported
      {"status":"firing","groupKey":"k","alerts":[]}                    | body.version must be a string and is missing
      {"version":"4","status":"firing","alerts":[]}                     | body.groupKey must be a string
      {"version":"4","status":"burning","groupKey":"k","alerts":[]}     | body.status 'burning' must be firing or resolved
      {"version":"4","status":"firing","groupKey":"k","alerts":{}}      | body.alerts must be an array
      {"version":"4","status":"firing","groupKey":"k","alerts":[{"status":"firing","startsAt":"yesterday"}]} | alerts[0].startsAt 'yesterday' is not an RFC 3339 time
      {"version":"4","status":"firing","groupKey":"k","alerts":[{"status":"firing","labels":{"a":1},"startsAt":"2026-01-01T00:00:00Z"}]} | alerts[0].labels.a must be a string
      """)
  void malformed_bodies_are_refused_naming_the_field(String body, String message) {
    assertThatThrownBy(() -> AlertmanagerWebhook.parse(body.strip().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedNotificationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void a_silence_is_confined_to_a_scope_only_when_it_names_every_scope_matcher() {
    SilenceRequest scoped = new SilenceRequest(List.of(LabelMatcher.equal("alertname", "HighErrorRate"),
        LabelMatcher.equal("namespace", "payments")), RECEIVED, RECEIVED.plusSeconds(3600), "vigil", "deploy");
    assertThat(scoped.confinedTo(List.of(LabelMatcher.equal("namespace", "payments")))).isTrue();
    assertThat(scoped.confinedTo(List.of(LabelMatcher.equal("namespace", "checkout")))).isFalse();
    assertThatThrownBy(() -> new SilenceRequest(List.of(new LabelMatcher("a", LabelMatcher.Operator.REGEX, ".*")),
        RECEIVED, RECEIVED.plusSeconds(1), "vigil", "x")).hasMessageContaining("empty string");
    assertThatThrownBy(() -> new SilenceRequest(List.of(LabelMatcher.equal("a", "b")), RECEIVED, RECEIVED, "v", "x"))
        .hasMessageContaining("must end after it starts");
  }
}
