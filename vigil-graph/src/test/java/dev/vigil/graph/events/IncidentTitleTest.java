package dev.vigil.graph.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The alert name in an incident title, as Alertmanager's PagerDuty receiver writes its default summary. */
class IncidentTitleTest {
  @Test
  void the_first_group_label_value_after_the_firing_status_is_the_alert() {
    assertThat(IncidentEventSource.alertName("[FIRING:2] HighErrorRate checkout (critical shop)")).hasValue("HighErrorRate");
    assertThat(IncidentEventSource.alertName("[FIRING:1] SearchLatencyAboveItsAverage")).hasValue("SearchLatencyAboveItsAverage");
    assertThat(IncidentEventSource.alertName("[FIRING] HighErrorRate")).hasValue("HighErrorRate");
  }

  @Test
  void titles_not_written_by_alertmanager_name_no_alert() {
    assertThat(IncidentEventSource.alertName("checkout p99 latency 3x baseline after deploy 4f2a")).isEmpty();
    assertThat(IncidentEventSource.alertName("[RESOLVED] HighErrorRate")).isEmpty();
    assertThat(IncidentEventSource.alertName("[FIRING:1] ")).isEmpty();
    assertThat(IncidentEventSource.alertName(null)).isEmpty();
  }
}
