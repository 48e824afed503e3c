package dev.vigil.server.config;

import dev.vigil.core.port.ApiTokenStore;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.ChatChannel;
import dev.vigil.core.task.TaskKindRegistry;
import dev.vigil.engine.Engine;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.engine.EnginePorts;
import dev.vigil.engine.EngineSettings;
import dev.vigil.integrations.ConfiguredChatChannel;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.integrations.http.JdkHttpProbe;
import dev.vigil.integrations.webhook.WebhookChatChannel;
import dev.vigil.store.Database;
import dev.vigil.store.FileWorkspaces;
import dev.vigil.store.JdbcAgentStore;
import dev.vigil.store.JdbcApiTokenStore;
import dev.vigil.store.JdbcAuditLog;
import dev.vigil.store.JdbcConsoleChat;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.JdbcFindingStore;
import dev.vigil.store.JdbcHookStore;
import dev.vigil.store.JdbcIntegrationStore;
import dev.vigil.store.JdbcOutboxStore;
import dev.vigil.store.JdbcRunStore;
import dev.vigil.tasks.BuiltInTaskKinds;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds Vigil's modules. Spring only holds them; none of them knows Spring. Note that
 * db-scheduler's Spring Boot starter is deliberately absent (it never starts on Boot 4): the
 * engine builds its scheduler itself (ADR 0001).
 */
@Configuration(proxyBeanMethods = false)
public class VigilWiring {

  @Bean
  ServerSettings serverSettings(Environment env) {
    return ServerSettings.from(env);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  Database database(ServerSettings s) {
    return s.dbUrl().isBlank()
        ? Database.embedded(s.dataDir().resolve("db"), s.databaseConnections())
        : Database.open(s.dbUrl(), s.dbUser(), s.dbPassword(), s.databaseConnections());
  }

  @Bean
  JdbcAgentStore agentStore(Database db) {
    return new JdbcAgentStore(db);
  }

  @Bean
  JdbcRunStore runStore(Database db) {
    return new JdbcRunStore(db);
  }

  @Bean
  JdbcOutboxStore outboxStore(Database db) {
    return new JdbcOutboxStore(db);
  }

  @Bean
  JdbcFindingStore findingStore(Database db) {
    return new JdbcFindingStore(db);
  }

  @Bean
  JdbcEventStore eventStore(Database db, Clock clock) {
    return new JdbcEventStore(db, clock);
  }

  @Bean
  JdbcAuditLog auditLog(Database db) {
    return new JdbcAuditLog(db);
  }

  @Bean
  JdbcIntegrationStore integrationStore(Database db) {
    return new JdbcIntegrationStore(db);
  }

  @Bean
  JdbcHookStore hookStore(Database db) {
    return new JdbcHookStore(db);
  }

  /** Credentials are read where their references point at each use, so rotations need no restart. */
  @Bean
  SecretResolver secretResolver() {
    return SecretResolver.fromProcess();
  }

  @Bean
  ApiTokenStore apiTokenStore(Database db) {
    return new JdbcApiTokenStore(db);
  }

  @Bean
  JdbcConsoleChat consoleChat(Database db, Clock clock) {
    return new JdbcConsoleChat(db, "chat", clock);
  }

  /** Each agent's folder under the data folder, created on first use. */
  @Bean
  FileWorkspaces workspaces(ServerSettings s) {
    return new FileWorkspaces(s.dataDir().resolve("workspaces"));
  }

  @Bean
  TaskKindRegistry taskKinds() {
    return new TaskKindRegistry(BuiltInTaskKinds.all());
  }

  @Bean
  PrometheusMeterRegistry meterRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @Bean(destroyMethod = "close")
  Engine engine(ServerSettings s, Database db, JdbcAgentStore agents, JdbcRunStore runs, JdbcOutboxStore outbox,
      JdbcFindingStore findings, JdbcEventStore events, JdbcAuditLog audit, JdbcConsoleChat consoleChat,
      TaskKindRegistry kinds, PrometheusMeterRegistry registry, FileWorkspaces workspaces,
      JdbcIntegrationStore integrations, SecretResolver secrets, Clock clock, ContextGraph graph) {
    ChatChannel fallback = s.chatWebhookUrl().<ChatChannel>map(url ->
        new WebhookChatChannel("chat", url, Optional.empty(), Duration.ofSeconds(10))).orElse(consoleChat);
    // An integration named "chat" of type slack or teams takes the agents' posts, read at each delivery.
    ChatChannel chat = new ConfiguredChatChannel("chat", integrations, secrets, fallback);
    EnginePorts ports = new EnginePorts(db.transactor(), agents, runs, outbox, findings, events, audit, chat,
        new JdkHttpProbe(), workspaces, new ConfiguredIntegrations(integrations, secrets), graph);
    EngineSettings settings = EngineSettings.defaults(s.nodeName()).withThreads(s.engineThreads());
    Engine engine = new Engine(settings, ports, kinds, db.rawDataSource(), db.dataSource(), db.isPostgres(),
        new MicrometerEngineMetrics(registry, outbox, runs), clock);
    engine.start();
    return engine;
  }
}
