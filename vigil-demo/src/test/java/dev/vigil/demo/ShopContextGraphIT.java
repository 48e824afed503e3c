package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.security.Secret;
import dev.vigil.core.testing.MutableClock;
import dev.vigil.demo.shop.ServiceKind;
import dev.vigil.demo.shop.ServiceSpec;
import dev.vigil.demo.shop.Shop;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.alertrules.AlertRuleSource;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.baseline.BaselineLearner;
import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.store.Database;
import dev.vigil.store.JdbcBaselineStore;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import dev.vigil.tasks.deploywatch.DeployCheck;
import dev.vigil.tasks.deploywatch.SignalTemplate;
import dev.vigil.tasks.deploywatch.WatchWindows;
import dev.vigil.tasks.signalcheck.ResourceSignals;
import dev.vigil.graph.cluster.ClusterSource;
import dev.vigil.graph.codeowners.CodeownersSource;
import dev.vigil.graph.servicegraph.ServiceGraphSource;
import dev.vigil.integrations.backstage.BackstageCatalogSource;
import dev.vigil.integrations.git.GitRemote;
import dev.vigil.integrations.git.GitSourceFiles;
import dev.vigil.integrations.kubernetes.Fabric8ClusterReader;
import dev.vigil.integrations.kubernetes.KubernetesConfig;
import dev.vigil.integrations.prometheus.PrometheusAlertRuleReader;
import dev.vigil.integrations.prometheus.PrometheusClient;
import dev.vigil.integrations.prometheus.PrometheusConfig;
import dev.vigil.integrations.prometheus.PrometheusMetricSource;
import dev.vigil.integrations.testing.ScriptedServer;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The context graph built on the demo environment from what a real estate would offer: the shop's
 * own Git repository (its catalog-info.yaml files and CODEOWNERS, read through the Git source), the
 * real Prometheus scraping the shop (service-graph metrics, backfilled and live) and fabric8's mock
 * Kubernetes API loaded with the shop's deployments and services. Learned baselines are learned from
 * the same Prometheus. The expected topology is the simulator's own model
 * ({@link Shop#standard()}), not a copy of it.
 */
class ShopContextGraphIT {
  private static final String CATALOG = "shop-catalog";
  private static final String TRAFFIC = "traffic";
  private static final String CLUSTER = "cluster";
  private static final String NAMESPACE = "shop";
  private static final Shop SHOP = Shop.standard();

  private static ScriptedServer environment;
  private static KubernetesMockServer kubernetes;
  private static Fabric8ClusterReader clusterReader;
  private static Path repository;
  private static Path clones;
  private static PrometheusMetricSource prometheus;

  @BeforeAll
  static void start() throws Exception {
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    Path data = Files.createTempDirectory("vigil-demo-graph");
    environment = ScriptedServer.start("demo-env", "--data-dir", data.toString(), "--java",
        ProcessHandle.current().info().command().orElse("java"), "--classpath", ShopClasspath.of(),
        "--history", "1d", "--scenario", "quiet", "--seed", "5");
    prometheus = new PrometheusMetricSource("prom-demo",
        PrometheusClient.create(PrometheusConfig.of(URI.create(environment.get("VIGIL_PROM_URL")))));

    // The team's working copy: the test commits to it as an engineer would, the graph reads it through Git.
    repository = data.resolve("working-copy");
    Git.cloneRepository().setURI(Path.of(environment.get("SHOP_REPO")).toUri().toString())
        .setDirectory(repository.toFile()).call().close();
    clones = Files.createDirectories(data.resolve("graph-clones"));

    kubernetes = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    kubernetes.init();
    try (NamespacedKubernetesClient admin = kubernetes.createClient()) {
      for (ServiceSpec s : SHOP.services()) {
        if (s.kind() == ServiceKind.SERVICE) {
          admin.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder().withNewMetadata()
              .withName(s.name()).withNamespace(NAMESPACE).addToLabels("app", s.name()).endMetadata().withNewSpec()
              .withReplicas(2).withNewTemplate().withNewMetadata().addToLabels("app", s.name()).endMetadata()
              .withNewSpec().addNewContainer().withName(s.name()).withImage("registry.acme.example/shop/" + s.name()
                  + ":1.0.0").endContainer().endSpec().endTemplate().endSpec().build()).create();
          admin.services().inNamespace(NAMESPACE).resource(new ServiceBuilder().withNewMetadata().withName(s.name())
              .withNamespace(NAMESPACE).endMetadata().withNewSpec().addToSelector("app", s.name()).addNewPort()
              .withPort(8080).endPort().endSpec().build()).create();
        }
      }
    }
    clusterReader = Fabric8ClusterReader.create("k8s-shop", KubernetesConfig.of(URI.create(kubernetes.url("/")))
        .withBearerToken(new Secret("token-1")).withTimeout(Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (clusterReader != null) {
      clusterReader.close();
    }
    if (kubernetes != null) {
      kubernetes.destroy();
    }
    if (environment != null) {
      environment.close();
    }
  }

  /** A graph over the five sources; each test has its own, so that their clocks do not meet. */
  private static LiveContextGraph graph(Clock clock, Duration staleAfter) {
    GitSourceFiles files = new GitSourceFiles(GitRemote.of(repository.toUri().toString()),
        clones.resolve("c" + System.nanoTime()), "HEAD");
    List<GraphSource> sources = List.of(
        new BackstageCatalogSource(CATALOG, files, BackstageCatalogSource.CATALOG_INFO_FILES),
        new CodeownersSource("shop-owners", files),
        new ServiceGraphSource(TRAFFIC, prometheus, Duration.ofHours(1)),
        new ClusterSource(CLUSTER, clusterReader, List.of(NAMESPACE)));
    return new LiveContextGraph(sources, clock, staleAfter, NoisePolicy.DEFAULT, Optional.empty());
  }

  /** The graph node a shop node is: services as services, the database a resource, the queue a queue. */
  private static NodeId nodeOf(String name) {
    ServiceKind kind = SHOP.find(name).orElseThrow().kind();
    return switch (kind) {
      case SERVICE -> NodeId.service(name);
      case DATASTORE -> NodeId.of(NodeKind.RESOURCE, name);
      case QUEUE -> NodeId.of(NodeKind.QUEUE, name);
    };
  }

  @Test
  void theGraphMatchesTheShopsTopologyWithEachFactsProvenance() {
    LiveContextGraph graph = graph(Clock.systemUTC(), Duration.ofHours(24));
    LiveContextGraph.RefreshReport report = graph.refresh();
    assertThat(report.failed()).isEmpty();
    assertThat(graph.problems()).isEmpty();

    List<Edge.Key> expected = new ArrayList<>();
    for (ServiceSpec s : SHOP.services()) {
      s.calls().keySet().forEach(target -> expected.add(new Edge.Key(nodeOf(s.name()), EdgeKind.DEPENDS_ON,
          nodeOf(target))));
    }
    List<Edge.Key> dependsOn = graph.snapshot().allEdges().stream().filter(e -> e.kind() == EdgeKind.DEPENDS_ON)
        .map(Edge::key).toList();
    assertThat(dependsOn).as("exactly the calls of the simulator's model").containsExactlyInAnyOrderElementsOf(expected);
    for (Edge.Key key : expected) {
      Edge edge = graph.edge(key).orElseThrow();
      String client = key.from().name();
      assertThat(edge.provenance()).as(key.toString()).hasSize(2);
      Provenance declared = provenanceOf(edge.provenance(), CATALOG);
      assertThat(declared.evidence()).isEqualTo(Provenance.Evidence.DECLARED);
      assertThat(declared.confidence()).isEqualTo(1.0);
      assertThat(declared.detail()).startsWith("services/" + client + "/catalog-info.yaml:");
      Provenance observed = provenanceOf(edge.provenance(), TRAFFIC);
      assertThat(observed.evidence()).isEqualTo(Provenance.Evidence.OBSERVED);
      // Thousands of requests an hour between every pair: the source is all but certain.
      assertThat(observed.confidence()).as(observed.detail()).isBetween(0.99, 1.0);
      assertThat(observed.detail()).startsWith("traces_service_graph_request_total{client=\"" + client
          + "\",server=\"" + key.to().name() + "\"}");
    }
    assertThat(graph.conflicts().declaredNotObserved()).isEmpty();
    assertThat(graph.conflicts().observedNotDeclared()).isEmpty();

    for (ServiceSpec s : SHOP.services()) {
      if (s.kind() != ServiceKind.SERVICE) {
        continue;
      }
      NodeId id = NodeId.service(s.name());
      Node node = graph.node(id).orElseThrow();
      assertThat(provenanceOf(node.provenance(), CLUSTER).detail())
          .isEqualTo("deployment " + NAMESPACE + "/" + s.name() + " in k8s-shop");
      assertThat(provenanceOf(node.provenance(), CATALOG).detail())
          .isEqualTo("services/" + s.name() + "/catalog-info.yaml:1");
      assertThat(graph.serviceForPath("services/" + s.name() + "/src/handler.py")).contains(id);
      // The catalog's group:<team> and CODEOWNERS' @acme/<team> are one team, with both names and sources.
      assertThat(graph.owners(id)).as(s.name()).extracting(o -> o.role() + " " + o.who())
          .containsExactly("owner team:" + s.team(), "codeowner team:" + s.team());
      Node team = graph.node(NodeId.of(NodeKind.TEAM, "acme/" + s.team())).orElseThrow();
      assertThat(team.id()).isEqualTo(NodeId.of(NodeKind.TEAM, s.team()));
      assertThat(team.attributes()).containsEntry("aliases", s.team() + ",acme/" + s.team());
      assertThat(team.provenance()).extracting(Provenance::source).containsExactlyInAnyOrder(CATALOG, "shop-owners");
      assertThat(graph.neighbours(id, ContextGraph.Direction.DEPENDENCIES, 1)).extracting(ContextGraph.Reached::node)
          .containsExactlyInAnyOrderElementsOf(s.calls().keySet().stream().map(ShopContextGraphIT::nodeOf).toList());
    }
  }

  @Test
  void theShopsAlertRulesNameTheirRunbooksAndServicesBeforeTheyEverFire() {
    // The rules as the demo's Prometheus loaded them from demo/prometheus/shop.rules.yml.
    AlertRuleSource rules = new AlertRuleSource("shop-rules", new PrometheusAlertRuleReader("prom-demo",
        PrometheusClient.create(PrometheusConfig.of(URI.create(environment.get("VIGIL_PROM_URL"))))));
    LiveContextGraph graph = new LiveContextGraph(List.of(rules), Clock.systemUTC(), Duration.ofHours(24),
        NoisePolicy.DEFAULT, Optional.empty());
    assertThat(graph.refresh().failed()).isEmpty();
    assertThat(graph.problems()).isEmpty();

    assertThat(graph.runbookFor("HighErrorRatio")).contains(NodeId.of(NodeKind.RUNBOOK, "runbooks/high-error-ratio.md"));
    NodeId slowQueries = NodeId.of(NodeKind.ALERT_RULE, "SlowQueries");
    Edge alertsOn = graph.edge(new Edge.Key(slowQueries, EdgeKind.ALERTS_ON, NodeId.service("postgres"))).orElseThrow();
    Provenance declared = alertsOn.provenance().getFirst();
    assertThat(declared.evidence()).isEqualTo(Provenance.Evidence.DECLARED);
    assertThat(declared.detail()).startsWith("alerting rule SlowQueries in group shop-golden-signals (")
        .endsWith("demo/prometheus/shop.rules.yml) of prom-demo");
    assertThat(graph.node(slowQueries).orElseThrow().attributes()).containsEntry("severity", "page");
    assertThat(graph.runbookFor("SlowQueries")).contains(NodeId.of(NodeKind.RUNBOOK, "runbooks/slow-queries.md"));
    // The noisy rule carries no runbook: the graph says so rather than guessing one.
    assertThat(graph.runbookFor("SearchLatencyJitter")).isEmpty();
    assertThat(graph.edge(new Edge.Key(NodeId.of(NodeKind.ALERT_RULE, "SearchLatencyJitter"), EdgeKind.ALERTS_ON,
        NodeId.service("search")))).isPresent();
  }

  @Test
  void aRemovedCatalogEntryTurnsStaleNotGoneAndMalformedYamlIsReportedWithoutStoppingTheOtherSources()
      throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    LiveContextGraph graph = graph(clock, Duration.ofHours(1));
    graph.refresh();
    NodeId emailApi = NodeId.of(NodeKind.API, "email-api");
    assertThat(graph.node(emailApi)).get().extracting(Node::stale).isEqualTo(false);

    String emailCatalog = Files.readString(repository.resolve("services/email/catalog-info.yaml"));
    // Where the API entity starts: the line after the document separator, as the catalog source counts.
    int apiLine = emailCatalog.lines().toList().indexOf("---") + 2;
    try (Git git = Git.open(repository.toFile())) {
      Path broken = repository.resolve("services/gift-cards/catalog-info.yaml");
      Files.createDirectories(broken.getParent());
      Files.writeString(broken, """
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: gift-cards
          spec:
            type: service
            owner: [group:payments-team
          """);
      git.add().addFilepattern("services/gift-cards/catalog-info.yaml").call();
      git.commit().setMessage("gift cards: catalog entry").setAuthor("Dana", "dana@acme.example")
          .setCommitter("Dana", "dana@acme.example").call();
      git.rm().addFilepattern("services/email/catalog-info.yaml").call();
      git.commit().setMessage("email: moved to the fulfilment catalog").setAuthor("Dana", "dana@acme.example")
          .setCommitter("Dana", "dana@acme.example").call();
    }

    clock.advance(Duration.ofMinutes(5));
    LiveContextGraph.RefreshReport report = graph.refresh();
    assertThat(report.failed()).isEmpty();
    assertThat(graph.problems()).extracting(SourceProblem::location).singleElement().asString()
        .matches("services/gift-cards/catalog-info\\.yaml:[78]");
    assertThat(graph.problems().getFirst().message()).startsWith("not valid YAML");
    assertThat(graph.sourceStatus()).allSatisfy(s -> assertThat(s.failing()).isEmpty());
    assertThat(graph.sourceStatus())
        .allSatisfy(s -> assertThat(s.nodes()).as(s.name()).isPositive());
    // The other catalog files were still read, and the other sources too.
    assertThat(graph.edge(new Edge.Key(NodeId.service("checkout"), EdgeKind.DEPENDS_ON, NodeId.service("payments"))))
        .get().satisfies(e -> assertThat(e.provenance()).extracting(Provenance::source).contains(CATALOG, TRAFFIC));

    Node kept = graph.node(emailApi).orElseThrow();
    assertThat(kept.stale()).as("removed five minutes ago: kept, not yet stale").isFalse();
    assertThat(kept.provenance()).singleElement().extracting(Provenance::detail)
        .isEqualTo("services/email/catalog-info.yaml:" + apiLine);

    clock.advance(Duration.ofMinutes(61));
    graph.refreshSource(CATALOG);
    Node stale = graph.node(emailApi).orElseThrow();
    assertThat(stale.stale()).isTrue();
    assertThat(graph.edge(new Edge.Key(NodeId.service("email"), EdgeKind.OWNED_BY, NodeId.of(NodeKind.TEAM,
        "fulfilment-team")))).get().extracting(Edge::stale).isEqualTo(true);
    assertThat(graph.node(NodeId.service("checkout")).orElseThrow().provenance())
        .filteredOn(p -> p.source().equals(CATALOG)).singleElement()
        .satisfies(p -> assertThat(p.observedAt()).isEqualTo(clock.instant()));
  }

  @Test
  void learnedBaselinesSayWhatNormalIsNowFromTheRealPrometheusAndSurviveARestart() throws Exception {
    List<BaselineLearner.Signal> signals = ResourceSignals.named(List.of("prometheus-http", "process", "postgres"))
        .stream().map(t -> new BaselineLearner.Signal(t.name(), t.query())).toList();
    Database db = Database.inMemory("shop-baselines-" + System.nanoTime());
    try {
      BaselineLearner learner = new BaselineLearner(() -> prometheus, signals, Duration.ofDays(1), Duration.ofMinutes(5),
          Duration.ofMinutes(10), Clock.systemUTC(), new JdbcBaselineStore(db));
      List<NodeId> services = SHOP.services().stream().filter(s -> s.kind() == ServiceKind.SERVICE)
          .map(s -> NodeId.service(s.name())).toList();
      BaselineLearner.Report report = learner.refresh(services);
      assertThat(report.failed()).isEmpty();
      // Every service has the request and process signals; only PostgreSQL's own series lack for them.
      assertThat(report.learned()).isEqualTo(services.size() * 5);
      assertThat(report.withoutData()).isEqualTo(services.size() * 2);

      Instant now = Instant.now();
      LearnedBaseline traffic = learner.find(NodeId.service("frontend"), "traffic").orElseThrow();
      assertThat(traffic.query()).contains("http_server_requests_total", "service=\"frontend\"", "[10m]");
      assertThat(traffic.points()).as("a day at 5 minutes").isBetween(280, 290);
      LearnedBaseline.Hour normal = traffic.at(now);
      assertThat(normal.basis()).isNotEqualTo(LearnedBaseline.Basis.INSUFFICIENT);
      assertThat(traffic.at(now.plus(Duration.ofDays(3))).basis())
          .as("a weekday the day of history did not include: the same hour of any day")
          .isEqualTo(LearnedBaseline.Basis.HOUR_OF_DAY);
      double actual = prometheus.query("sum(rate(http_server_requests_total{service=\"frontend\"}[10m]))", now)
          instanceof dev.vigil.core.metrics.QueryResult.Vector v ? v.series().getFirst().samples().getFirst().value()
          : Double.NaN;
      // Yesterday at this hour is what normal is now: the traffic follows the time of day.
      assertThat(Math.abs(actual - normal.median().orElseThrow()))
          .as("now %.1f/s, normal %.1f/s ± %.1f", actual, normal.median().orElseThrow(), normal.spread())
          .isLessThan(4 * normal.spread() + 0.15 * actual);
      assertThat(traffic.hours()).filteredOn(h -> h.basis() != LearnedBaseline.Basis.INSUFFICIENT).hasSize(168);
      // The day's values are kept on Prometheus' grid from the history's start, as finite as what was read.
      LearnedBaseline.Values recent = traffic.recent().orElseThrow();
      assertThat(recent.from()).isEqualTo(traffic.learnedFrom());
      assertThat(recent.size()).isEqualTo(289);
      assertThat(java.util.Arrays.stream(recent.values()).filter(Double::isFinite).count()).isEqualTo(traffic.points());

      BaselineLearner restarted = new BaselineLearner(() -> {
        throw new IllegalStateException("a restart reads no history");
      }, signals, Duration.ofDays(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Clock.systemUTC(),
          new JdbcBaselineStore(db));
      restarted.restore();
      assertThat(restarted.find(NodeId.service("frontend"), "traffic")).contains(traffic);
      LiveContextGraph graph = graph(Clock.systemUTC(), Duration.ofHours(24));
      graph.useBaselines(restarted);
      assertThat(graph.baseline(NodeId.service("checkout"), "memory")).isPresent();
      assertThat(graph.baseline(NodeId.service("checkout"), "query_p99")).isEmpty();
    } finally {
      db.close();
    }
  }

  /**
   * A deploy check judges against the stored week exactly as against the week it reads itself, and then
   * does not read the week: the learner reads the checks' own query at their step, and the check takes
   * the stored range only for a baseline learned up to the deploy.
   */
  @Test
  void aDeployCheckJudgesAgainstTheStoredWeekAsAgainstTheWeekItReadsAndDoesNotReadIt() throws Exception {
    List<SignalTemplate> templates = ResourceSignals.named(List.of("prometheus-http"));
    List<BaselineLearner.Signal> signals = templates.stream()
        .map(t -> new BaselineLearner.Signal(t.name(), t.query())).toList();
    Instant deployedAt = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    Database db = Database.inMemory("shop-stored-week-" + System.nanoTime());
    try {
      BaselineLearner learner = new BaselineLearner(() -> prometheus, signals, Duration.ofDays(7), Duration.ofMinutes(1),
          Duration.ofMinutes(2), Clock.fixed(deployedAt, java.time.ZoneOffset.UTC), new JdbcBaselineStore(db));
      assertThat(learner.refresh(List.of(NodeId.service("checkout"))).learned()).isEqualTo(3);
      WatchWindows windows = WatchWindows.of(deployedAt, deployedAt.plus(Duration.ofMinutes(10)),
          Duration.ofMinutes(30), Duration.ofMinutes(2));
      List<TimeRange> read = new ArrayList<>();
      MetricSource counting = new MetricSource() {
        @Override
        public String integration() {
          return prometheus.integration();
        }

        @Override
        public dev.vigil.core.metrics.QueryResult query(String promql, Instant time)
            throws dev.vigil.core.integration.IntegrationFailure {
          return prometheus.query(promql, time);
        }

        @Override
        public dev.vigil.core.metrics.QueryResult queryRange(String promql, TimeRange range, Duration step)
            throws dev.vigil.core.integration.IntegrationFailure {
          read.add(range);
          return prometheus.queryRange(promql, range, step);
        }

        @Override
        public List<dev.vigil.core.metrics.Labels> series(List<String> selectors, TimeRange range)
            throws dev.vigil.core.integration.IntegrationFailure {
          return prometheus.series(selectors, range);
        }

        @Override
        public List<String> labelNames(List<String> selectors, TimeRange range)
            throws dev.vigil.core.integration.IntegrationFailure {
          return prometheus.labelNames(selectors, range);
        }

        @Override
        public List<String> labelValues(String label, List<String> selectors, TimeRange range)
            throws dev.vigil.core.integration.IntegrationFailure {
          return prometheus.labelValues(label, selectors, range);
        }
      };
      DeployCheck check = new DeployCheck();
      DeployCheck.Result reading = check.run(counting, "checkout", templates, windows, Duration.ofMinutes(2),
          Duration.ofSeconds(15));
      assertThat(read).filteredOn(windows.history()::equals).hasSize(3);
      read.clear();
      DeployCheck.Result stored = check.run(counting, learner::find, "checkout", templates, windows,
          Duration.ofMinutes(2), Duration.ofSeconds(15));
      assertThat(read).as("the week is not read again").doesNotContain(windows.history()).hasSize(9);
      for (int i = 0; i < templates.size(); i++) {
        DeployCheck.SignalResult a = reading.signals().get(i);
        DeployCheck.SignalResult b = stored.signals().get(i);
        assertThat(a.storedHistory()).isEmpty();
        assertThat(b.storedHistory()).contains(deployedAt);
        assertThat(b.judgement().vsHistory()).as(a.signal().name()).isNotNull();
        assertThat(b.judgement().vsHistory().historySize()).as(a.signal().name() + " values")
            .isEqualTo(a.judgement().vsHistory().historySize()).isGreaterThan(1_000);
        assertThat(b.judgement().vsHistory().low()).isEqualTo(a.judgement().vsHistory().low());
        assertThat(b.judgement().vsHistory().high()).isEqualTo(a.judgement().vsHistory().high());
        assertThat(b.judgement().verdict()).isEqualTo(a.judgement().verdict());
        assertThat(b.judgement().reason()).isEqualTo(a.judgement().reason());
        // The stored week's values feed the anomaly check and the count of past shifts as the read week does.
        assertThat(b.judgement().vsScorer()).as(a.signal().name() + " scorer").isNotNull()
            .isEqualTo(a.judgement().vsScorer());
        assertThat(b.judgement().vsPastShifts()).isEqualTo(a.judgement().vsPastShifts());
      }
      // Learned after the deploy, the baseline knows the deploy's own minutes: the check reads the week.
      BaselineLearner later = new BaselineLearner(() -> prometheus, signals, Duration.ofDays(7), Duration.ofMinutes(1),
          Duration.ofMinutes(2), Clock.fixed(deployedAt.plus(Duration.ofMinutes(5)), java.time.ZoneOffset.UTC),
          new JdbcBaselineStore(db));
      later.refresh(List.of(NodeId.service("checkout")));
      read.clear();
      DeployCheck.Result afterDeploy = check.run(counting, later::find, "checkout", templates, windows,
          Duration.ofMinutes(2), Duration.ofSeconds(15));
      assertThat(read).filteredOn(windows.history()::equals).hasSize(3);
      assertThat(afterDeploy.signals()).allSatisfy(r -> assertThat(r.storedHistory()).isEmpty());
    } finally {
      db.close();
    }
  }

  private static Provenance provenanceOf(List<Provenance> all, String source) {
    return all.stream().filter(p -> p.source().equals(source)).findFirst()
        .orElseThrow(() -> new AssertionError("no provenance from " + source + " in " + all));
  }

}
