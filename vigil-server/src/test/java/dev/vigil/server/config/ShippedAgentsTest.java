package dev.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.server.web.Bodies;
import dev.vigil.tasks.BuiltInTaskKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agents files we ship for people to read and copy must apply as they are: every task's kind exists
 * and its parameters pass that kind's schema, and the demo's file does so once the launcher has filled in
 * its placeholders.
 */
class ShippedAgentsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private final TaskKindRegistry kinds = new TaskKindRegistry(BuiltInTaskKinds.all());

  private List<Agent> validated(String yaml) {
    AgentDocument.Contents contents = AgentDocument.read(Bodies.parse(yaml, "application/yaml"));
    return contents.agents().stream().map(kinds::validate).toList();
  }

  @Test
  void the_examples_apply_and_hold_a_deploy_watcher_per_team_a_drift_check_a_digest_and_a_first_responder()
      throws Exception {
    List<Agent> agents = validated(Files.readString(ROOT.resolve("examples/agents.yaml")));

    assertThat(agents).extracting(a -> a.id().value())
        .contains("payments-deploys", "storefront-deploys", "drift-check", "first-responder", "morning-digest");
    assertThat(agents).flatExtracting(a -> a.tasks().stream().map(t -> t.kind()).toList())
        .contains("deploy-watch", "signal-check", "alert-triage", "digest");
  }

  @Test
  void the_demo_agents_apply_once_the_launcher_fills_them_in() throws Exception {
    String yaml = Files.readString(ROOT.resolve("demo/vigil/agents.yaml"))
        .replace("{prometheus}", "http://127.0.0.1:9090").replace("{alertmanager}", "http://127.0.0.1:9093")
        .replace("{early}", "3m").replace("{late}", "10m").replace("{repo}", "file:///tmp/shop")
        .replace("{healthCron}", "*/5 * * * *");

    assertThat(validated(yaml)).extracting(a -> a.id().value())
        .contains("deploy-watcher", "health-checker", "first-responder", "shift-digest");
  }
}
