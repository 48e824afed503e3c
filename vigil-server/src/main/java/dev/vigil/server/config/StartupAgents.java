package dev.vigil.server.config;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.event.HookRules;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.port.HookStore;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.engine.Engine;
import dev.vigil.store.Database;
import dev.vigil.server.web.Bodies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Applies agents at startup: every {@code *.yaml}/{@code *.yml} in {@code VIGIL_CONFIG_DIR}, and
 * in demo mode the sample agents. An invalid file stops the start with its problems listed, since
 * running with half the intended agents is worse than not running.
 */
@Component
public class StartupAgents implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(StartupAgents.class);
  private final ServerSettings settings;
  private final Engine engine;
  private final IntegrationStore integrations;
  private final HookStore hooks;
  private final Database db;
  private final Clock clock;
  private final String port;

  public StartupAgents(ServerSettings settings, Engine engine, IntegrationStore integrations, HookStore hooks,
      Database db, Clock clock, org.springframework.core.env.Environment env) {
    this.settings = settings;
    this.engine = engine;
    this.integrations = integrations;
    this.hooks = hooks;
    this.db = db;
    this.clock = clock;
    this.port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (settings.demo()) {
      try (InputStream in = StartupAgents.class.getResourceAsStream("/demo/agents.yaml")) {
        String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{port}", port);
        List<Agent> agents = engine.saveAgents(AgentDocument.readDocument(Bodies.parse(yaml, "application/yaml")));
        log.info("demo agents applied agents={}", agents.stream().map(a -> a.id().value()).toList());
      }
    }
    if (settings.configDir().isEmpty()) return;
    Path dir = settings.configDir().get();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("VIGIL_CONFIG_DIR " + dir + " is not a folder");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
    List<Agent> all = new ArrayList<>();
    List<IntegrationConfig> connections = new ArrayList<>();
    List<HookRules> hookRules = new ArrayList<>();
    for (Path file : files) {
      try {
        AgentDocument.Contents contents = AgentDocument.read(Bodies.parse(Files.readString(file), "application/yaml"));
        all.addAll(contents.agents());
        connections.addAll(contents.integrations());
        hookRules.addAll(contents.hooks());
      } catch (RuntimeException e) {
        throw new IllegalStateException("cannot apply " + file + ": " + e.getMessage(), e);
      }
    }
    // Integrations first and in the same transaction: agents may name them in their grants.
    db.transactor().run(() -> {
      for (IntegrationConfig integration : connections) integrations.save(integration, clock.instant());
      for (HookRules rules : hookRules) hooks.save(rules, clock.instant());
      if (!all.isEmpty()) engine.saveAgents(all);
    });
    log.info("applied from config dir dir={} files={} integrations={} hooks={} agents={}", dir, files.size(),
        connections.stream().map(IntegrationConfig::name).toList(), hookRules.stream().map(HookRules::source).toList(),
        all.size());
  }
}
