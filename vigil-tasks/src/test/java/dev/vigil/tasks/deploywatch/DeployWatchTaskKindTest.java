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

  @Test
  void an_unknown_set_for_what_changed_is_refused_naming_the_parameter_and_empty_turns_it_off() {
    for (String parameter : List.of("runtimeSignals", "flagSignals", "datastoreSignals")) {
      assertThatThrownBy(() -> DeployWatchTaskKind.changeSets(parameters(Map.of("metrics", "prom", "channel",
          "#deploys", parameter, "kubernets")))).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(parameter
              + ": unknown signal set 'kubernets' (known: ").hasMessageContaining("kubernetes, micrometer, openfeature")
          .hasMessageEndingWith("; empty turns it off)");
    }
    assertThat(DeployWatchTaskKind.changeSets(parameters(Map.of("metrics", "prom", "channel", "#deploys"))))
        .isEqualTo(new HealthPlan.ChangeSets("postgres", "kubernetes", "openfeature"));
    assertThat(DeployWatchTaskKind.changeSets(parameters(Map.of("metrics", "prom", "channel", "#deploys",
        "runtimeSignals", "", "flagSignals", "")))).isEqualTo(new HealthPlan.ChangeSets("postgres", "", ""));
  }

  @Test
  void a_service_is_judged_on_its_golden_signals_then_the_added_sets_each_name_once() {
    Map<String, Object> p = parameters(Map.of("metrics", "prom", "channel", "#deploys", "signalTemplates", """
        signals:
          - name: restarts
            query: sum(my_restarts{service="$service"})
            direction: higher-is-worse
          - name: latency_p99
            query: max(my_latency{service="$service"})
            direction: higher-is-worse
        """));
    DeployWatchTaskKind.Planned planned = DeployWatchTaskKind.planned(new HealthPlan.Target("checkout",
        HealthPlan.Role.DEPLOYED, List.of(HealthPlan.GOLDEN, "kubernetes", "openfeature"), "deployed", List.of()), p);

    assertThat(planned.signals()).extracting(SignalTemplate::name).containsExactly("restarts", "latency_p99",
        "unavailable_replicas", "flag_error_ratio");
    assertThat(planned.signals().getFirst().query()).as("the team's own wins").contains("my_restarts");
    assertThat(planned.added()).containsExactly("unavailable_replicas", "flag_error_ratio");
    assertThatThrownBy(() -> DeployWatchTaskKind.planned(new HealthPlan.Target("checkout", HealthPlan.Role.DEPLOYED,
        List.of(HealthPlan.GOLDEN, "nginx"), "deployed", List.of()), p))
        .hasMessage("the plan names the unknown signal set 'nginx'");
  }
}
