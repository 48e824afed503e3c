package dev.vigil.server.config;

import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.port.MetricSource;
import dev.vigil.core.graph.SourceFiles;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.graph.FolderFiles;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.baseline.BaselineLearner;
import dev.vigil.graph.codeowners.CodeownersSource;
import dev.vigil.graph.events.AlertEventSource;
import dev.vigil.graph.events.IncidentEventSource;
import dev.vigil.graph.events.DeployEventSource;
import dev.vigil.graph.people.PeopleSource;
import dev.vigil.graph.servicegraph.ServiceGraphSource;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.integrations.backstage.BackstageCatalogSource;
import dev.vigil.integrations.git.GitRemote;
import dev.vigil.integrations.git.GitSourceFiles;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import dev.vigil.store.Database;
import dev.vigil.store.JdbcBaselineStore;
import dev.vigil.store.JdbcEventStore;
import dev.vigil.store.JdbcGraphFactStore;
import dev.vigil.store.JdbcGraphStore;
import dev.vigil.store.JdbcIntegrationStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import dev.vigil.tasks.signalcheck.ResourceSignals;

/**
 * Builds the context graph from {@code VIGIL_GRAPH_*} settings, restores its saved state before the
 * API answers, and refreshes it on one background thread: first right after start, then every
 * {@code VIGIL_GRAPH_REFRESH}. On several nodes each refreshes and saves the same sources' view;
 * the last save wins, which is the same state.
 */
@Configuration(proxyBeanMethods = false)
public class GraphWiring {
  private static final Logger log = LoggerFactory.getLogger(GraphWiring.class);

  @Bean
  GraphSettings graphSettings(Environment env) {
    return GraphSettings.from(env);
  }

  @Bean
  JdbcGraphFactStore graphFacts(Database db) {
    return new JdbcGraphFactStore(db);
  }

  @Bean
  LiveContextGraph contextGraph(GraphSettings settings, ServerSettings server, Database db, Clock clock,
      JdbcIntegrationStore integrations, SecretResolver secrets, JdbcEventStore events, JdbcGraphFactStore facts) {
    Path clones = server.dataDir().resolve("graph");
    // What people tell the graph is always a source: it needs no configuration, only the database.
    List<GraphSource> sources = java.util.stream.Stream.concat(java.util.stream.Stream.of(new PeopleSource(facts)),
        settings.sources().stream()
        .map(spec -> switch (spec.type()) {
          case "servicegraph" -> new IntegrationServiceGraphSource(spec.name(), spec.integration(),
              ServiceGraphSource.RequestMetric.SERVICE_GRAPH, spec.window(), integrations, secrets);
          case "requests" -> new IntegrationServiceGraphSource(spec.name(), spec.integration(), spec.requestMetric(),
              spec.window(), integrations, secrets);
          case "kubernetes" ->
              new IntegrationClusterSource(spec.name(), spec.integration(), spec.namespaces(), integrations, secrets);
          case "prometheus-rules" -> new IntegrationAlertRuleSource(spec.name(), spec.integration(), integrations,
              secrets);
          case "prometheus-targets" -> new IntegrationTargetSource(spec.name(), spec.integration(),
              spec.targetLabel(), integrations, secrets);
          case "deploy-events" -> new DeployEventSource(spec.name(), events, spec.eventLimit());
          // A week of history, as on-call reviews count it; a firing within 15 minutes of the last resolution flaps.
          case "alert-events" -> new AlertEventSource(spec.name(), events, spec.eventLimit(), Duration.ofDays(7),
              Duration.ofMinutes(15));
          // The same week as alert-events, so that acted-on ratios and firings describe the same time.
          case "pagerduty-events" -> new IncidentEventSource(spec.name(), events, spec.eventLimit(), Duration.ofDays(7));
          default -> source(spec, clones);
        }))
        .toList();
    LiveContextGraph graph = new LiveContextGraph(sources, clock, settings.staleAfter(), NoisePolicy.DEFAULT,
        Optional.of(new JdbcGraphStore(db)));
    graph.restore();
    settings.baselines().ifPresent(spec -> {
      List<BaselineLearner.Signal> signals = ResourceSignals.named(spec.signalSets()).stream()
          .map(t -> new BaselineLearner.Signal(t.name(), t.query())).toList();
      BaselineLearner learner = new BaselineLearner(prometheus(spec.integration(), integrations, secrets), signals,
          spec.history(), spec.step(), spec.window(), clock, new JdbcBaselineStore(db));
      learner.restore();
      graph.useBaselines(learner);
    });
    return graph;
  }

  /**
   * A prometheus integration's metric source, looked up at each call so that a changed integration or a
   * rotated credential is used at once; the graph's own read, no grant applies.
   */
  static Supplier<MetricSource> prometheus(String integration, IntegrationStore integrations, SecretResolver secrets) {
    return () -> {
      IntegrationConfig config = integrations.find(integration).orElseThrow(() -> new IllegalStateException(
          "no integration named '" + integration + "' (configure a prometheus integration)"));
      if (config.type() != IntegrationType.PROMETHEUS) {
        throw new IllegalStateException("integration '" + integration + "' is a " + config.type().text()
            + " integration; baselines are learned through a prometheus integration");
      }
      return new PrometheusMetricSource(integration,
          PrometheusClient.create(ConfiguredIntegrations.prometheusConfig(config, secrets)));
    };
  }

  /**
   * How soon a refresh that could not start learning is tried again: at startup the graph may not know its
   * services yet, and the prometheus integration may only come with the configuration applied after start.
   */
  static final Duration BASELINE_RETRY = Duration.ofSeconds(30);

  /** The baseline thread (learning reads much history; it must not hold up the graph's refresh); closed with the context. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService graphBaselines(LiveContextGraph graph, GraphSettings settings) {
    ScheduledExecutorService executor = daemonThread("vigil-graph-baselines");
    graph.baselines().ifPresent(learner -> {
      Duration every = settings.baselines().orElseThrow().refreshEvery();
      Duration retry = every.compareTo(BASELINE_RETRY) < 0 ? every : BASELINE_RETRY;
      Runnable[] refresh = new Runnable[1];
      refresh[0] = () -> {
        Duration next = every;
        try {
          List<NodeId> services = graph.nodes(NodeKind.SERVICE).stream().map(Node::id).toList();
          BaselineLearner.Report report = learner.refresh(services);
          if (services.isEmpty() || report.failed().containsKey("*")) {
            next = retry;
            log.info("baselines not learned yet ({}), trying again in {}", services.isEmpty()
                ? "the graph knows no service yet" : "no metric store", next);
          }
        } catch (RuntimeException e) {
          next = retry;
          log.warn("baseline refresh failed, trying again in {}", next, e);
        }
        if (!executor.isShutdown()) {
          executor.schedule(refresh[0], next.toMillis(), TimeUnit.MILLISECONDS);
        }
      };
      executor.execute(refresh[0]);
    });
    return executor;
  }

  /** @param clones where Git sources keep their bare clones */
  static GraphSource source(GraphSettings.SourceSpec spec, Path clones) {
    // File-based sources only; integration-based ones are built in contextGraph.
    SourceFiles files = spec.isGit()
        ? new GitSourceFiles(GitRemote.of(spec.gitUrl()), clones, spec.gitRef())
        : new FolderFiles(spec.folder());
    return switch (spec.type()) {
      case "backstage" -> new BackstageCatalogSource(spec.name(), files, BackstageCatalogSource.CATALOG_INFO_FILES);
      case "backstage-yaml" -> new BackstageCatalogSource(spec.name(), files,
          p -> p.endsWith(".yaml") || p.endsWith(".yml"));
      case "codeowners" -> new CodeownersSource(spec.name(), files);
      default -> throw new IllegalArgumentException("unknown graph source type '" + spec.type() + "'");
    };
  }

  /** The refresh thread; closed with the context. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService graphRefresh(LiveContextGraph graph, GraphSettings settings) {
    ScheduledExecutorService executor = daemonThread("vigil-graph-refresh");
    if (!graph.sourceNames().isEmpty()) {
      long every = settings.refreshEvery().toMillis();
      executor.scheduleWithFixedDelay(() -> {
        // A refresh that throws would end the schedule; this loop must outlive any one failure.
        try {
          graph.refresh();
        } catch (RuntimeException e) {
          log.warn("graph refresh failed, trying again in {}", settings.refreshEvery(), e);
        }
      }, 0, every, TimeUnit.MILLISECONDS);
    }
    return executor;
  }

  private static ScheduledExecutorService daemonThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }
}
