package dev.vigil.tasks.alerttriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.finding.Severity;
import dev.vigil.tasks.signalcheck.ResourceSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertNoticeTest {
  private static final Instant AT = Instant.parse("2026-11-25T16:05:00Z");

  private static Event event(String source, String type, Map<String, String> labels, String subject) {
    return new Event(EventId.random(), source, type, subject, AT, "am-1", labels, "checkout fails 4.1% of its requests",
        "{}");
  }

  @Test
  void a_firing_notification_names_the_alert_service_severity_and_thread() {
    AlertNotice n = AlertNotice.of(event("alertmanager", "firing", Map.of("alertname", "HighErrorRatio", "service",
        "checkout", "severity", "page", "alerts", "1", "receiver", "vigil"), "checkout"));

    assertThat(n.firing()).isTrue();
    assertThat(n.title()).isEqualTo("HighErrorRatio on checkout");
    assertThat(n.findingSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(n.threadKey()).isEqualTo("alert:HighErrorRatio:checkout");
    assertThat(n.summary()).contains("4.1%");
  }

  @Test
  void an_alert_without_a_service_or_a_paging_severity_is_still_read() {
    AlertNotice n = AlertNotice.of(event("alertmanager", "resolved", Map.of("alertname", "DiskFillingUp",
        "severity", "ticket", "alerts", "two"), "DiskFillingUp"));

    assertThat(n.firing()).isFalse();
    assertThat(n.serviceName()).isEmpty();
    assertThat(n.findingSeverity()).isEqualTo(Severity.WARNING);
    assertThat(n.alerts()).isEqualTo(1);
    assertThat(n.threadKey()).isEqualTo("alert:DiskFillingUp");
  }

  @Test
  void a_group_of_different_alerts_is_named_by_its_subject() {
    AlertNotice n = AlertNotice.of(event("alertmanager", "firing", Map.of("service", "search", "alerts", "3"),
        "search"));

    assertThat(n.alert()).isEqualTo("search");
    assertThat(n.alerts()).isEqualTo(3);
  }

  @Test
  void other_events_are_refused_with_what_was_expected() {
    assertThatThrownBy(() -> AlertNotice.of(event("github", "deployment_status", Map.of(), "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Alertmanager notifications").hasMessageContaining("github/deployment_status");
  }

  @Test
  void the_judged_minutes_start_before_the_alert_and_stay_between_the_minimum_and_an_hour() {
    AlertTriage.Settings s = new AlertTriage.Settings(ResourceSignals.named(List.of("process")),
        Duration.ofMinutes(3), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(2),
        Duration.ofSeconds(15), Duration.ofHours(2));

    assertThat(s.judged(AT, AT.plusSeconds(20))).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.judged(AT, AT.plus(Duration.ofMinutes(10)))).isEqualTo(Duration.ofMinutes(13));
    assertThat(s.judged(AT, AT.minusSeconds(30))).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.judged(AT, AT.plus(Duration.ofHours(3)))).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void the_plan_says_what_is_judged_and_that_only_confirmed_alerts_become_findings() {
    AlertTriageTaskKind kind = new AlertTriageTaskKind();
    Map<String, Object> p = kind.parameters().validate(Map.of("metrics", "prom", "channel", "#alerts",
        "alerts", List.of("HighErrorRatio")), "task 'triage'");

    assertThat(kind.plan(p).getFirst().description()).startsWith("on each HighErrorRatio: judge latency_p99")
        .contains("from 3m before it began").contains("a finding only when the signals confirm it");
  }
}
