package dev.vigil.integrations.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import dev.vigil.core.security.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Webhook v3 deliveries (test resources written after PagerDuty's documentation) verified and translated. */
class PagerDutyWebhookTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-25T09:20:00Z");
  private static final Secret SECRET = new Secret("whsec-for-tests-0123456789");

  static byte[] payload(String name) {
    try (InputStream in = PagerDutyWebhookTest.class.getResourceAsStream("/pagerduty/" + name)) {
      if (in == null) {
        throw new AssertionError("no test payload " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void any_matching_v1_signature_of_the_header_is_accepted() {
    byte[] body = payload("incident_triggered.json");
    String ours = PagerDutyWebhook.sign(body, SECRET);
    String rotated = PagerDutyWebhook.sign(body, new Secret("the-previous-secret"));

    assertThat(PagerDutyWebhook.signatureMatches(body, ours, SECRET)).isTrue();
    assertThat(PagerDutyWebhook.signatureMatches(body, rotated + ", " + ours, SECRET)).isTrue();
    assertThat(PagerDutyWebhook.signatureMatches(body, rotated, SECRET)).isFalse();
    assertThat(PagerDutyWebhook.signatureMatches(body, ours.replace("v1=", "v2="), SECRET)).isFalse();
    assertThat(PagerDutyWebhook.signatureMatches(body, "v1=not-hex", SECRET)).isFalse();
    assertThat(PagerDutyWebhook.signatureMatches(body, null, SECRET)).isFalse();
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("4711", "4712").getBytes(StandardCharsets.UTF_8);
    assertThat(PagerDutyWebhook.signatureMatches(tampered, ours, SECRET)).isFalse();
  }

  @Test
  void a_triggered_incident_becomes_an_event_with_service_incident_urgency_and_status() {
    PagerDutyDelivery delivery = PagerDutyWebhook.parse(payload("incident_triggered.json"), RECEIVED);

    assertThat(delivery.ignored()).isFalse();
    assertThat(delivery.ping()).isFalse();
    Event event = delivery.event();
    assertThat(event.source()).isEqualTo("pagerduty");
    assertThat(event.type()).isEqualTo("incident.triggered");
    assertThat(event.deliveryId()).isEqualTo("01JDQ8Z4T2H6W1N5V9C3K7M0PA");
    assertThat(event.subject()).isEqualTo("checkout");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T09:14:02.318Z"));
    assertThat(event.labels()).containsEntry("service", "checkout").containsEntry("incident", "Q2KX8M4RZT1N0B")
        .containsEntry("number", "4711").containsEntry("urgency", "high").containsEntry("status", "triggered")
        .containsEntry("escalation_policy", "Payments on-call").doesNotContainKey("priority");
    assertThat(event.text()).isEqualTo("checkout p99 latency 3x baseline after deploy 4f2a");
  }

  @Test
  void acknowledged_priority_and_resolved_events_carry_their_new_state() {
    assertThat(PagerDutyWebhook.parse(payload("incident_acknowledged.json"), RECEIVED).event().labels())
        .containsEntry("status", "acknowledged").containsEntry("agent", "Ada Lovelace")
        .containsEntry("agent_type", "user_reference");
    assertThat(PagerDutyWebhook.parse(payload("incident_priority_updated.json"), RECEIVED).event().labels())
        .containsEntry("priority", "P1");
    Event resolved = PagerDutyWebhook.parse(payload("incident_resolved.json"), RECEIVED).event();
    assertThat(resolved.type()).isEqualTo("incident.resolved");
    assertThat(resolved.labels()).containsEntry("status", "resolved");
  }

  @Test
  void a_note_names_its_incident_and_carries_its_content_as_text() {
    Event note = PagerDutyWebhook.parse(payload("incident_annotated.json"), RECEIVED).event();

    assertThat(note.type()).isEqualTo("incident.annotated");
    assertThat(note.labels()).containsEntry("incident", "Q2KX8M4RZT1N0B");
    assertThat(note.text()).contains("checkout p99 latency", "Rolling back 4f2a");
  }

  @Test
  void a_ping_is_recognised_and_other_event_types_are_kept_with_a_reason() {
    assertThat(PagerDutyWebhook.parse(payload("pagey_ping.json"), RECEIVED).ping()).isTrue();

    PagerDutyDelivery service = PagerDutyWebhook.parse(payload("service_updated.json"), RECEIVED);
    assertThat(service.ignored()).isTrue();
    assertThat(service.ignoredBecause().orElseThrow()).contains("'service.updated' is not acted on",
        "incident.triggered");
  }

  @Test
  void malformed_bodies_are_refused_naming_the_problem() {
    assertThatThrownBy(() -> PagerDutyWebhook.parse("{\"event\":".getBytes(StandardCharsets.UTF_8), RECEIVED))
        .isInstanceOf(MalformedWebhookException.class).hasMessageStartingWith("body is not JSON");
    assertThatThrownBy(() -> PagerDutyWebhook.parse("{\"messages\":[]}".getBytes(StandardCharsets.UTF_8), RECEIVED))
        .isInstanceOf(MalformedWebhookException.class).hasMessageContaining("no 'event' object");
    assertThatThrownBy(() -> PagerDutyWebhook.parse(
        "{\"event\":{\"id\":\"x\",\"event_type\":\"incident.triggered\"}}".getBytes(StandardCharsets.UTF_8),
        RECEIVED)).isInstanceOf(MalformedWebhookException.class).hasMessageContaining("event.data");
    assertThatThrownBy(() -> PagerDutyWebhook.parse(
        "{\"event\":{\"event_type\":\"incident.triggered\",\"data\":{}}}".getBytes(StandardCharsets.UTF_8), RECEIVED))
        .isInstanceOf(MalformedWebhookException.class).hasMessageContaining("event.id");
  }
}
