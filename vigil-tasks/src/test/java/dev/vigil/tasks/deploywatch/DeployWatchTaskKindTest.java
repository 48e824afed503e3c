package dev.vigil.tasks.deploywatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.task.PlannedStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployWatchTaskKindTest {
  private final DeployWatchTaskKind kind = new DeployWatchTaskKind();

  private Map<String, Object> parameters(Map<String, Object> given) {
    return kind.parameters().validate(given, "task 'watch'");
  }

  @Test
  void templates_given_as_yaml_replace_the_built_in_set_in_the_plan() {
    List<PlannedStep> plan = kind.plan(parameters(Map.of("metrics", "prom", "channel", "#deploys",
        "signalTemplates", """
            signals:
              - name: queue_depth
                query: max(queue_depth{service="$service"})
                direction: higher-is-worse
            """)));

    assertThat(plan.get(1).description()).startsWith("at +5m: queue_depth (own templates)");
  }

  @Test
  void without_templates_the_plan_names_the_set() {
    List<PlannedStep> plan = kind.plan(parameters(Map.of("metrics", "prom", "channel", "#deploys")));

    assertThat(plan.get(1).description())
        .startsWith("at +5m: latency_p99, error_ratio, traffic (prometheus-http)");
  }

  @Test
  void a_mistake_in_the_templates_is_refused_naming_the_signal() {
    assertThatThrownBy(() -> kind.plan(parameters(Map.of("metrics", "prom", "channel", "#deploys",
        "signalTemplates", "signals:\n  - name: q\n    query: up\n    direction: both\n"))))
        .hasMessageContaining("signal 'q' (line 2): query must contain $service");
  }
}
