package dev.vigil.bench.graph;

import dev.vigil.bench.nab.NabBench;
import dev.vigil.core.graph.AlertHistory;
import dev.vigil.core.graph.ContextGraph.Direction;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.GraphState;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.graph.FolderFiles;
import dev.vigil.graph.GraphSnapshot;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.codeowners.CodeownersSource;
import dev.vigil.integrations.backstage.BackstageCatalogSource;
import dev.vigil.store.Database;
import dev.vigil.store.JdbcGraphStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * {@code ./vigil bench graph}: a synthetic estate of 5,000 services written as 5,000 real
 * {@code catalog-info.yaml} files and one 5,000-line CODEOWNERS file (read by the real sources), plus
 * 1,000,000 deploys and 2,000 alert rules with histories from in-memory sources; 50,000 edges in all.
 *
 * <p>Measured: a refresh from scratch (first and second), the refresh of one changed catalog file
 * (median of 5), the heap the graph holds, each query's p50/p99 over 20,000 random calls after 5,000
 * warm-up calls, and saving and loading the state through {@link JdbcGraphStore} on embedded H2 (and on
 * PostgreSQL when {@code VIGIL_TEST_PG_URL} is set). Timing loops rather than JMH, as the other runners;
 * results feed a printed checksum so the JIT cannot drop the work.
 */
public final class GraphBench {
  static final int SERVICES = 5_000;
  static final int TEAMS = 250;
  static final int ALERTS = 2_000;
  static final int DEPLOYS = 1_000_000;
  static final int TOTAL_EDGES = 50_000;
  static final int WARMUP = 5_000;
  static final int CALLS = 20_000;
  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private GraphBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      System.err.println("vigil bench: graph takes no arguments, got '" + args[0] + "'");
      System.exit(64);
    }
    Path folder = Path.of("target", "bench", "graph-estate").toAbsolutePath();
    Random random = new Random(42);
    int dependsOn = writeEstate(folder, random);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    List<GraphSource> sources = List.of(
        new BackstageCatalogSource("catalog", new FolderFiles(folder.resolve("catalog")),
            BackstageCatalogSource.CATALOG_INFO_FILES),
        new CodeownersSource("codeowners", new FolderFiles(folder.resolve("repo"))),
        new DeploySource(7),
        new AlertSource(11));

    long heapBefore = usedHeap();
    LiveContextGraph graph = new LiveContextGraph(sources, clock, Duration.ofDays(1), NoisePolicy.DEFAULT,
        Optional.empty());
    double firstRefresh = seconds(graph::refresh);
    long heapMb = (usedHeap() - heapBefore) / (1024 * 1024);
    double secondRefresh = seconds(graph::refresh);
    GraphSnapshot snapshot = graph.snapshot();
    System.out.printf(Locale.ROOT, "graph: %,d nodes, %,d edges (%,d depends-on), %,d deploys, %d problems%n",
        snapshot.nodeCount(), snapshot.edgeCount(), dependsOn, snapshot.deployCount(), snapshot.problems().size());
    if (!snapshot.problems().isEmpty()) {
      throw new IllegalStateException("the synthetic estate must read without problems: " + snapshot.problems().get(0));
    }

    Path file = folder.resolve("catalog/services/svc-0042/catalog-info.yaml");
    double[] changed = changedFileRefreshes(graph, file);
    double changedFile = changed[changed.length / 2];

    Map<String, Object> queries = queries(graph.snapshot());

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("services", SERVICES);
    out.put("nodes", snapshot.nodeCount());
    out.put("edges", snapshot.edgeCount());
    out.put("deploys", snapshot.deployCount());
    out.put("ownershipRules", SERVICES + 1);
    out.put("refreshSeconds", NabBench.roundTo(firstRefresh, 3));
    out.put("secondRefreshSeconds", NabBench.roundTo(secondRefresh, 3));
    out.put("changedCatalogFileRefreshSeconds", NabBench.roundTo(changedFile, 3));
    out.put("heapMb", heapMb);
    out.put("queries", queries);
    out.put("store", store(sources, clock, folder));
    out.put("method", "in memory: p50/p99 of " + CALLS + " random calls after " + WARMUP
        + " warm-up calls, one thread; refresh of a changed file: median of 5");
    System.out.printf(Locale.ROOT, "refresh from scratch %.2f s (second %.2f s), changed catalog file %.3f s"
        + " (target <= 1 s), heap %d MB%n", firstRefresh, secondRefresh, changedFile, heapMb);
    NabBench.write("graph", out);
  }

  /** Five refreshes of the catalog source, each after one catalog file changed; sorted. */
  static double[] changedFileRefreshes(LiveContextGraph graph, Path file) {
    try {
      double[] changed = new double[5];
      String original = Files.readString(file);
      for (int i = 0; i < changed.length; i++) {
        Files.writeString(file, original.replace("lifecycle: production", "lifecycle: production-" + i));
        changed[i] = seconds(() -> graph.refreshSource("catalog"));
      }
      Files.writeString(file, original);
      Arrays.sort(changed);
      return changed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The catalog (one file per service), the CODEOWNERS file; returns the number of depends-on edges. */
  static int writeEstate(Path folder, Random random) throws IOException {
    deleteTree(folder);
    Files.createDirectories(folder.resolve("repo/.github"));
    // 50,000 edges: per service owned-by, part-of and deployed-from; a runbook for every other
    // service; alerts-on per alert rule; the rest are depends-on.
    int fixed = SERVICES * 3 + SERVICES / 2 + ALERTS;
    int dependsOn = TOTAL_EDGES - fixed;
    List<List<Integer>> deps = new ArrayList<>();
    for (int i = 0; i < SERVICES; i++) {
      deps.add(new ArrayList<>());
    }
    int made = 0;
    while (made < dependsOn) {
      // Lower-numbered services are the shared ones (databases, auth): most calls point at them.
      int from = random.nextInt(SERVICES);
      int to = (int) (Math.pow(random.nextDouble(), 2) * SERVICES);
      if (to != from && !deps.get(from).contains(to)) {
        deps.get(from).add(to);
        made++;
      }
    }
    StringBuilder codeowners = new StringBuilder("* @acme/platform\n");
    for (int i = 0; i < SERVICES; i++) {
      String name = service(i);
      Path dir = folder.resolve("catalog/services/" + name);
      Files.createDirectories(dir);
      StringBuilder yaml = new StringBuilder();
      yaml.append("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ").append(name)
          .append("\n  description: Synthetic service ").append(i).append("\n  annotations:\n")
          .append("    vigil.dev/paths: services/").append(name).append('\n');
      if (i % 2 == 0) {
        yaml.append("    vigil.dev/runbook: https://runbooks.example/").append(name).append('\n');
      }
      yaml.append("spec:\n  type: service\n  lifecycle: production\n  owner: ").append(team(i))
          .append("\n  system: system-").append(i % 100).append("\n  dependsOn:\n");
      for (int d : deps.get(i)) {
        yaml.append("    - component:").append(service(d)).append('\n');
      }
      if (deps.get(i).isEmpty()) {
        yaml.setLength(yaml.length() - "  dependsOn:\n".length());
      }
      Files.writeString(dir.resolve("catalog-info.yaml"), yaml);
      codeowners.append("/services/").append(name).append("/ @acme/").append(team(i)).append('\n');
    }
    Files.writeString(folder.resolve("repo/.github/CODEOWNERS"), codeowners);
    return dependsOn;
  }

  static String service(int i) {
    return String.format(Locale.ROOT, "svc-%04d", i);
  }

  static String team(int i) {
    return "team-" + (i % TEAMS);
  }

  static String alert(int i) {
    return "Alert" + i;
  }

  /** A million deploys over 90 days, as a deploy-history source would report them; the same ones on every read. */
  static final class DeploySource implements GraphSource {
    private final long seed;

    DeploySource(long seed) {
      this.seed = seed;
    }

    @Override
    public String name() {
      return "deploys";
    }

    @Override
    public GraphContribution read(Instant now) {
      Random random = new Random(seed);
      Provenance p = Provenance.observed("deploys", now, 1, "synthetic");
      NodeId[] ids = new NodeId[SERVICES];
      for (int i = 0; i < SERVICES; i++) {
        ids[i] = NodeId.service(service(i));
      }
      long span = Duration.ofDays(90).toSeconds();
      List<Deploy> deploys = new ArrayList<>(DEPLOYS);
      for (int i = 0; i < DEPLOYS; i++) {
        deploys.add(new Deploy(ids[random.nextInt(SERVICES)], now.minusSeconds((long) (random.nextDouble() * span)),
            "production", "", p));
      }
      return new GraphContribution("deploys", now, List.of(), List.of(), deploys, List.of(), List.of(), List.of());
    }
  }

  /** Alert rules on services, with a week of history each. */
  static final class AlertSource implements GraphSource {
    private final long seed;

    AlertSource(long seed) {
      this.seed = seed;
    }

    @Override
    public String name() {
      return "alerts";
    }

    @Override
    public GraphContribution read(Instant now) {
      Random random = new Random(seed);
      Provenance p = Provenance.observed("alerts", now, 1, "synthetic");
      List<Node> nodes = new ArrayList<>();
      List<Edge> edges = new ArrayList<>();
      List<AlertHistory> histories = new ArrayList<>();
      for (int i = 0; i < ALERTS; i++) {
        NodeId rule = NodeId.of(NodeKind.ALERT_RULE, alert(i));
        nodes.add(Node.of(rule, Map.of(), p));
        edges.add(Edge.of(rule, EdgeKind.ALERTS_ON, NodeId.service(service(random.nextInt(SERVICES))), p));
        int fired = random.nextInt(60);
        histories.add(new AlertHistory(alert(i), now.minus(Duration.ofDays(7)), now, fired,
            fired == 0 ? 0 : random.nextInt(fired + 1), fired == 0 ? 0 : random.nextInt(fired + 1) / 2, p));
      }
      return new GraphContribution("alerts", now, nodes, edges, List.of(), histories, List.of(), List.of());
    }
  }

  static Map<String, Object> queries(GraphSnapshot graph) {
    Random random = new Random(3);
    long[] sink = {0};
    Map<String, Object> out = new LinkedHashMap<>();
    measure(out, "serviceForPath", i -> sink[0] += graph.serviceForPath(
        "services/" + service(random.nextInt(SERVICES)) + "/src/main/App.java").map(n -> 1).orElse(0));
    measure(out, "owners", i -> sink[0] += graph.owners(NodeId.service(service(random.nextInt(SERVICES)))).size());
    measure(out, "ownersOfPath", i -> sink[0] += graph.ownersOfPath(
        "services/" + service(random.nextInt(SERVICES)) + "/README.md").size());
    measure(out, "dependencies3Hops", i -> sink[0] += graph.neighbours(
        NodeId.service(service(random.nextInt(SERVICES))), Direction.DEPENDENCIES, 3).size());
    measure(out, "dependents3Hops", i -> sink[0] += graph.neighbours(
        NodeId.service(service(random.nextInt(SERVICES))), Direction.DEPENDENTS, 3).size());
    measure(out, "recentChanges1Hop24h", i -> sink[0] += graph.recentChanges(
        NodeId.service(service(random.nextInt(SERVICES))), 1, NOW.minus(Duration.ofHours(24)), NOW).size());
    measure(out, "runbookForAlert", i -> sink[0] += graph.runbookFor(alert(random.nextInt(ALERTS))).map(n -> 1).orElse(0));
    measure(out, "alertNoise", i -> sink[0] += graph.noise(alert(random.nextInt(ALERTS))).fired());
    measure(out, "explainEdge", i -> {
      NodeId from = NodeId.service(service(random.nextInt(SERVICES)));
      sink[0] += graph.edge(new Edge.Key(from, EdgeKind.OWNED_BY, NodeId.of(NodeKind.TEAM, "team-0"))).map(e -> 1).orElse(0);
    });
    System.out.println("(checksum " + sink[0] + ")");
    return out;
  }

  static void measure(Map<String, Object> out, String name, IntConsumer call) {
    for (int i = 0; i < WARMUP; i++) {
      call.accept(i);
    }
    long[] nanos = new long[CALLS];
    for (int i = 0; i < CALLS; i++) {
      long start = System.nanoTime();
      call.accept(i);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    double p50 = nanos[CALLS / 2] / 1e6;
    double p99 = nanos[(int) (CALLS * 0.99)] / 1e6;
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("p50Ms", NabBench.roundTo(p50, 4));
    q.put("p99Ms", NabBench.roundTo(p99, 4));
    out.put(name, q);
    System.out.printf(Locale.ROOT, "  %-22s p50 %8.4f ms   p99 %8.4f ms%n", name, p50, p99);
  }

  /**
   * A refresh that also saves the state (1M deploys included) through the JDBC store, and a restart
   * that restores it, on embedded H2 and, when configured, PostgreSQL.
   */
  static Map<String, Object> store(List<GraphSource> sources, Clock clock, Path folder) {
    Map<String, Object> out = new LinkedHashMap<>();
    Path file = folder.resolve("catalog/services/svc-0042/catalog-info.yaml");
    try (Database h2 = Database.embedded(folder.resolve("h2"))) {
      out.put("h2", storeOn(h2, sources, clock, file));
    }
    String pg = System.getenv("VIGIL_TEST_PG_URL");
    if (pg != null && !pg.isBlank()) {
      try (Database postgres = Database.open(pg, envOr("VIGIL_TEST_PG_USER"), envOr("VIGIL_TEST_PG_PASSWORD"), 4)) {
        out.put("postgresql", storeOn(postgres, sources, clock, file));
      }
    }
    return out;
  }

  private static String envOr(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }

  private static Map<String, Object> storeOn(Database db, List<GraphSource> sources, Clock clock, Path file) {
    JdbcGraphStore store = new JdbcGraphStore(db);
    LiveContextGraph persisted = new LiveContextGraph(sources, clock, Duration.ofDays(1), NoisePolicy.DEFAULT,
        Optional.of(store));
    double refreshAndSave = seconds(persisted::refresh);
    double[] changed = changedFileRefreshes(persisted, file);
    LiveContextGraph restarted = new LiveContextGraph(sources, clock, Duration.ofDays(1), NoisePolicy.DEFAULT,
        Optional.of(store));
    double restore = seconds(restarted::restore);
    if (restarted.snapshot().edgeCount() != persisted.snapshot().edgeCount()
        || restarted.snapshot().deployCount() != persisted.snapshot().deployCount()) {
      throw new IllegalStateException("the restored graph differs from the saved one");
    }
    String kind = db.isPostgres() ? "PostgreSQL" : "H2";
    System.out.printf(Locale.ROOT, "%s: refresh with save %.2f s, changed catalog file with save %.3f s,"
        + " restore after a restart %.2f s%n", kind, refreshAndSave, changed[changed.length / 2], restore);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("refreshAndSaveSeconds", NabBench.roundTo(refreshAndSave, 3));
    m.put("changedCatalogFileRefreshAndSaveSeconds", NabBench.roundTo(changed[changed.length / 2], 3));
    m.put("restoreSeconds", NabBench.roundTo(restore, 3));
    return m;
  }

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  static double seconds(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
