package dev.vigil.demo.shop;

import dev.vigil.demo.metrics.Labels;
import dev.vigil.demo.metrics.MetricFamily;
import dev.vigil.demo.metrics.MetricSample;
import dev.vigil.demo.metrics.MetricType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs the shop tick by tick (15 seconds, Prometheus' scrape interval) and exposes what each node
 * would: request counters by status code, a latency histogram, CPU, memory, connection pools, the
 * queue and PostgreSQL's own series, build info, feature flags and their evaluations (OpenFeature's
 * OpenTelemetry hook), the pods' restarts and the deployments' unavailable replicas (kube-state-metrics) and
 * a few node series.
 *
 * <p>Each tick works in expectation and then adds noise, instead of sampling single requests: traffic
 * flows from the entry point down the call graph, latency and errors flow back up it (a slow
 * dependency makes its callers slow, a failing one makes them fail some of the time), and connection
 * pools fill by Little's law as the datastore slows. Noise is a pure function of the seed, the
 * series and the tick (see {@link Noise}), so a tick gives the same values however it is reached.
 * Not thread-safe.
 */
public final class ShopSimulator {
  /** The length of one tick, equal to the scrape interval the demo configures. */
  public static final Duration TICK = Duration.ofSeconds(15);
  /** Latency histogram bucket bounds in seconds (OpenTelemetry's default HTTP boundaries, trimmed). */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private static final String[] CODES = {"200", "404", "500", "503"};
  private static final String[] NODES = {"node-1", "node-2", "node-3"};
  private static final double DISK_BYTES = 500e9;
  /** Share of a dependency's failures its caller turns into its own (the rest it retries or degrades). */
  private static final double ERROR_PROPAGATION = 0.5;
  /** Pods per service's deployment. */
  private static final int REPLICAS = 3;
  /** How long a rollout waits for its new pods to become ready: one replica is unavailable meanwhile. */
  private static final Duration ROLLOUT = Duration.ofSeconds(30);
  /**
   * kube-state-metrics' labels: its instance, the shop's namespace. The job is the shop's, like the service
   * graph's, so that the demo agents' grant (scope {@code {job="shop"}}) covers it as a namespace scope would.
   */
  private static final String KUBE = Labels.of("job", "shop", "instance", "kube-state-metrics:8080",
      "namespace", "shop");

  private final Shop shop;
  private final Traffic traffic;
  private final Noise noise;
  private final long seed;
  private final List<ServiceSpec> dependenciesFirst;
  private final Map<String, Integer> index = new HashMap<>();
  private final Node[] nodes;
  private final List<TimedEffect> effects;
  private final Map<String, Boolean> flags = new TreeMap<>();
  /** Which service evaluates each flag: the one its flips name, else the service its name ends with. */
  private final Map<String, String> flagServices = new TreeMap<>();
  private final List<String> applied = new ArrayList<>();
  private final Instant start;
  private int nextEffect;
  private long tick; // ticks since the epoch of the last tick simulated
  private double queueDepth;
  private double queuePublished;
  private double queueConsumed;
  /** Requests each client sent each server, as a tracing backend's service graph counts them: [client][server]. */
  private final double[][] edgeRequests;

  /**
   * @param start the first instant simulated; every node's process starts here (rounded down to a tick)
   * @param effects deploys, faults and flag flips, in any order
   * @param flags feature flags and whether each is on at the start
   */
  public ShopSimulator(Shop shop, Traffic traffic, long seed, Instant start, List<TimedEffect> effects,
      Map<String, Boolean> flags) {
    this.shop = Objects.requireNonNull(shop, "shop");
    this.traffic = Objects.requireNonNull(traffic, "traffic");
    this.seed = seed;
    this.noise = new Noise(seed);
    this.dependenciesFirst = shop.dependenciesFirst();
    for (int i = 0; i < shop.services().size(); i++) {
      index.put(shop.services().get(i).name(), i);
    }
    List<TimedEffect> sorted = new ArrayList<>(effects);
    sorted.sort(Comparator.comparing(TimedEffect::at));
    for (TimedEffect e : sorted) {
      if (!index.containsKey(e.effect().service())) {
        throw new IllegalArgumentException("effect on unknown service '" + e.effect().service() + "': "
            + e.effect().describe());
      }
      if (e.effect() instanceof Effect.FlagFlip flip) {
        this.flags.putIfAbsent(flip.flag(), !flip.on());
        flagServices.putIfAbsent(flip.flag(), flip.service());
      }
    }
    this.flags.putAll(flags);
    for (String flag : this.flags.keySet()) {
      index.keySet().stream().filter(s -> flag.endsWith("-" + s)).findFirst()
          .ifPresent(s -> flagServices.putIfAbsent(flag, s));
    }
    this.effects = List.copyOf(sorted);
    long first = Math.floorDiv(start.getEpochSecond(), TICK.toSeconds());
    this.start = Instant.ofEpochSecond(first * TICK.toSeconds());
    this.tick = first - 1;
    this.nodes = new Node[shop.services().size()];
    this.edgeRequests = new double[nodes.length][nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = new Node(shop.services().get(i), this.start);
    }
  }

  /** The instant of the last tick simulated (before the first tick: one tick before the start). */
  public Instant time() {
    return Instant.ofEpochSecond(tick * TICK.toSeconds());
  }

  public Instant start() {
    return start;
  }

  /** Simulates every tick up to and including {@code t}; an instant already passed changes nothing. */
  public void advanceTo(Instant t) {
    long last = Math.floorDiv(t.getEpochSecond(), TICK.toSeconds());
    while (tick < last) {
      step(tick + 1);
    }
  }

  /** The effects that have taken hold so far, in order, each described in one line. */
  public List<String> applied() {
    return List.copyOf(applied);
  }

  private void step(long k) {
    tick = k;
    Instant now = time();
    while (nextEffect < effects.size() && !effects.get(nextEffect).at().isAfter(now)) {
      apply(effects.get(nextEffect++), now);
    }
    double dt = TICK.toSeconds();
    int n = nodes.length;
    double[] rps = new double[n];
    double[] median = new double[n];
    double[] errors = new double[n];
    double[] poolDemand = new double[n];

    rps[0] = traffic.rate(now) * (1 + 0.04 * noise.gaussian(0, k, 0));
    int catalog = index.getOrDefault("catalog", -1);
    if (catalog >= 0 && nightlyBatch(now)) {
      rps[catalog] += 30; // the catalog re-index job reads every product once a night
    }
    for (int i = dependenciesFirst.size() - 1; i >= 0; i--) { // callers before callees
      ServiceSpec s = dependenciesFirst.get(i);
      int from = index.get(s.name());
      s.calls().forEach((target, perRequest) -> {
        rps[index.get(target)] += rps[from] * perRequest;
        edgeRequests[from][index.get(target)] += rps[from] * perRequest * dt;
      });
    }
    shop.queueWorkers().forEach((queue, worker) -> {
      int w = index.get(worker);
      double capacity = nodes[w].spec.capacityRps() / nodes[w].latencyFactor * (1 + 0.03 * noise.gaussian(w, k, 1));
      double arriving = rps[index.get(queue)] * dt;
      double consumed = Math.min(queueDepth + arriving, capacity * dt);
      queueDepth = queueDepth + arriving - consumed;
      queuePublished += arriving;
      queueConsumed += consumed;
      rps[w] += consumed / dt;
    });

    for (ServiceSpec s : dependenciesFirst) { // callees before callers
      int i = index.get(s.name());
      Node node = nodes[i];
      double utilisation = Math.min(rps[i] / s.capacityRps(), 1.5);
      double own = s.medianMillis() * node.slowdown * node.flagLatency * (1 + 0.8 * Math.pow(utilisation, 3));
      double downstream = 0;
      double inherited = 0;
      for (Map.Entry<String, Double> call : s.calls().entrySet()) {
        int d = index.get(call.getKey());
        downstream += call.getValue() * median[d];
        inherited += call.getValue() * errors[d] * ERROR_PROPAGATION;
        if (nodes[d].spec.kind() == ServiceKind.DATASTORE && s.poolSize() > 0) {
          // Little's law: connections held = rate of queries x how long each holds its connection.
          poolDemand[i] += rps[i] * call.getValue() * median[d] / 1000 * 1.3;
        }
      }
      double poolPressure = s.poolSize() > 0 ? Math.max(0, poolDemand[i] / s.poolSize() - 1) : 0;
      median[i] = (own + downstream) * node.latencyFactor * (1 + 0.05 * noise.gaussian(i, k, 2)) + 50 * poolPressure;
      errors[i] = Math.min(0.95, s.errorRatio() + node.addedErrors + inherited + Math.min(0.3, 0.08 * poolPressure));
    }

    for (int i = 0; i < n; i++) {
      nodes[i].record(k, rps[i] * dt, median[i], errors[i], poolDemand[i], now);
      nodes[i].evaluations += flagServices.containsValue(nodes[i].spec.name()) ? nodes[i].lastRequests : 0;
    }
  }

  private void apply(TimedEffect timed, Instant now) {
    Node node = nodes[index.get(timed.effect().service())];
    switch (timed.effect()) {
      case Effect.Deploy d when d.crashLoops() -> node.rollOutCrashing(d.version(), now);
      case Effect.Deploy d -> {
        node.version = d.version();
        node.latencyFactor = d.latencyFactor();
        node.addedErrors = d.addedErrorRatio();
        node.restart(now);
        node.rollOut(d.version(), now);
      }
      case Effect.MemoryLeak leak -> {
        node.leakMbPerHour = leak.mbPerHour();
        node.leakSince = now;
      }
      case Effect.Slowdown slow -> node.slowdown = slow.latencyFactor();
      case Effect.FlagFlip flip -> {
        flags.put(flip.flag(), flip.on());
        node.flagLatency = flip.on() ? flip.latencyFactor() : 1;
        node.flagCpu = flip.on() ? flip.cpuFactor() : 1;
      }
    }
    applied.add(now + " " + timed.effect().describe());
  }

  private boolean nightlyBatch(Instant t) {
    ZonedDateTime local = t.atZone(traffic.zone());
    return local.getHour() == 2 && local.getMinute() < 45;
  }

  /** Every series as it would be scraped now. */
  public List<MetricFamily> scrape() {
    Map<String, List<MetricSample>> samples = new LinkedHashMap<>();
    Map<String, MetricFamily> shapes = new LinkedHashMap<>();
    for (Node node : nodes) {
      node.expose(samples, shapes);
    }
    String queueLabels = Labels.of("job", "shop", "instance", "orders-queue:5672", "queue", "orders-queue");
    family(shapes, samples, "queue_messages_published", MetricType.COUNTER, "Messages published to the queue.")
        .add(new MetricSample("queue_messages_published_total", queueLabels, Math.floor(queuePublished)));
    family(shapes, samples, "queue_messages_consumed", MetricType.COUNTER, "Messages taken off the queue.")
        .add(new MetricSample("queue_messages_consumed_total", queueLabels, Math.floor(queueConsumed)));
    family(shapes, samples, "queue_depth", MetricType.GAUGE, "Messages waiting in the queue.")
        .add(new MetricSample("queue_depth", queueLabels, Math.round(queueDepth)));
    List<MetricSample> flagSamples = family(shapes, samples, "feature_flag_enabled", MetricType.GAUGE,
        "1 while the feature flag is on.");
    flags.forEach((flag, on) -> flagSamples.add(new MetricSample("feature_flag_enabled",
        Labels.of("job", "shop", "instance", "flags:8080", "flag", flag), on ? 1 : 0)));
    List<MetricSample> evaluations = family(shapes, samples, "feature_flag_evaluation_requests", MetricType.COUNTER,
        "Feature flag evaluations (OpenFeature's OpenTelemetry hook).");
    List<MetricSample> evaluationErrors = family(shapes, samples, "feature_flag_evaluation_error", MetricType.COUNTER,
        "Feature flag evaluations that failed.");
    flagServices.forEach((flag, service) -> {
      Node node = nodes[index.get(service)];
      String labels = Labels.of("job", "shop", "instance", service + ":8080", "service_name", service,
          "feature_flag_key", flag, "feature_flag_provider_name", "flagd");
      // Every request evaluates the flag once; the provider always answers in this shop.
      evaluations.add(new MetricSample("feature_flag_evaluation_requests_total", labels, node.evaluations));
      evaluationErrors.add(new MetricSample("feature_flag_evaluation_error_total", labels, 0));
    });
    exposeServiceGraph(shapes, samples);
    exposeKubernetes(shapes, samples);
    exposeNodes(shapes, samples);
    List<MetricFamily> out = new ArrayList<>();
    shapes.forEach((name, shape) -> out.add(new MetricFamily(name, shape.type(), shape.help(), samples.get(name))));
    return out;
  }

  /**
   * The call graph as Tempo's metrics generator (or the OpenTelemetry Collector's servicegraph
   * connector) would count it from the shop's traces: one counter per client and server that called
   * each other, the server marked as a database or a messaging system when it is one.
   */
  private void exposeServiceGraph(Map<String, MetricFamily> shapes, Map<String, List<MetricSample>> samples) {
    List<MetricSample> edges = family(shapes, samples, "traces_service_graph_request", MetricType.COUNTER,
        "Requests between two services, from traces.");
    for (ServiceSpec client : shop.services()) {
      int from = index.get(client.name());
      for (String server : client.calls().keySet().stream().sorted().toList()) {
        int to = index.get(server);
        String labels = Labels.of("job", "shop", "instance", "tempo:3200", "client", client.name(), "server", server);
        String type = switch (nodes[to].spec.kind()) {
          case DATASTORE -> "database";
          case QUEUE -> "messaging_system";
          case SERVICE -> "";
        };
        edges.add(new MetricSample("traces_service_graph_request_total",
            type.isEmpty() ? labels : Labels.with(labels, "connection_type", type), Math.floor(edgeRequests[from][to])));
      }
    }
  }

  /**
   * The services' pods and deployments as kube-state-metrics counts them: a container's restarts (a new pod's
   * start at 0, so a rollout adds none) and the replicas a deployment still waits for (one during a rollout's
   * first seconds; one for as long as a crash-looping pod stalls it).
   */
  private void exposeKubernetes(Map<String, MetricFamily> shapes, Map<String, List<MetricSample>> samples) {
    List<MetricSample> restarts = family(shapes, samples, "kube_pod_container_status_restarts", MetricType.COUNTER,
        "The number of container restarts per container.");
    List<MetricSample> unavailable = family(shapes, samples, "kube_deployment_status_replicas_unavailable",
        MetricType.GAUGE, "The number of unavailable replicas per deployment.");
    Instant now = time();
    for (Node node : nodes) {
      if (node.spec.kind() != ServiceKind.SERVICE) {
        continue;
      }
      String container = Labels.with(KUBE, "container", node.spec.name());
      for (String pod : node.pods) {
        restarts.add(new MetricSample("kube_pod_container_status_restarts_total", Labels.with(container, "pod", pod), 0));
      }
      if (node.crashingPod != null) {
        restarts.add(new MetricSample("kube_pod_container_status_restarts_total",
            Labels.with(container, "pod", node.crashingPod), crashLoopRestarts(Duration.between(node.crashingSince, now))));
      }
      boolean waiting = node.crashingPod != null || now.isBefore(node.rolloutUntil);
      unavailable.add(new MetricSample("kube_deployment_status_replicas_unavailable",
          Labels.with(KUBE, "deployment", node.spec.name()), waiting ? 1 : 0));
    }
  }

  /**
   * Restarts of a container that dies as soon as it starts, {@code since} its pod was created: the kubelet
   * waits 10 s before the first restart and doubles the wait each time, up to five minutes.
   */
  static long crashLoopRestarts(Duration since) {
    long restarts = 0;
    long at = 0;
    for (long wait = 10; (at += wait) <= since.toSeconds(); wait = Math.min(wait * 2, 300)) {
      restarts++;
    }
    return restarts;
  }

  private void exposeNodes(Map<String, MetricFamily> shapes, Map<String, List<MetricSample>> samples) {
    List<MetricSample> load = family(shapes, samples, "node_load1", MetricType.GAUGE, "1-minute load average.");
    List<MetricSample> disk = family(shapes, samples, "node_filesystem_avail_bytes", MetricType.GAUGE,
        "Bytes free on the filesystem.");
    double hours = Duration.between(start, time()).toSeconds() / 3600.0;
    double total = 0;
    for (Node node : nodes) {
      total += node.lastRequests;
    }
    for (int i = 0; i < NODES.length; i++) {
      String labels = Labels.of("job", "node", "instance", NODES[i] + ":9100");
      load.add(new MetricSample("node_load1", labels,
          round(0.4 + total / TICK.toSeconds() / 400 + 0.15 * noise.gaussian(100 + i, tick, 0), 100)));
      // node-2's disk fills slowly (logs nobody rotates): the drift a scheduled check should catch.
      double usedShare = i == 1 ? 0.55 + 0.015 * hours / 24 : 0.40 + 0.02 * i;
      disk.add(new MetricSample("node_filesystem_avail_bytes", Labels.with(labels, "mountpoint", "/"),
          Math.max(0, Math.round(DISK_BYTES * (1 - usedShare) + 2e8 * noise.gaussian(100 + i, tick, 1)))));
    }
  }

  private static List<MetricSample> family(Map<String, MetricFamily> shapes, Map<String, List<MetricSample>> samples,
      String name, MetricType type, String help) {
    shapes.putIfAbsent(name, new MetricFamily(name, type, help, List.of()));
    return samples.computeIfAbsent(name, x -> new ArrayList<>());
  }

  private static double round(double value, double scale) {
    return Math.round(value * scale) / scale;
  }

  /** One node's condition and its cumulative counters since its process last started. */
  private final class Node {
    final ServiceSpec spec;
    final int position;
    String version = "1.0.0";
    Instant startedAt;
    double latencyFactor = 1;
    double addedErrors;
    double slowdown = 1;
    double flagLatency = 1;
    double flagCpu = 1;
    double leakMbPerHour;
    Instant leakSince;
    final double[] byCode = new double[CODES.length];
    final double[] buckets = new double[BUCKETS.length];
    double count;
    double sum;
    double cpuSeconds;
    double memoryBytes;
    double poolUsed;
    double lastRequests;
    /** Flag evaluations since the process started. */
    double evaluations;
    /** The pods serving, and the one a stalled rollout keeps restarting (null when none) since when. */
    List<String> pods;
    String crashingPod;
    Instant crashingSince;
    Instant rolloutUntil;

    Node(ServiceSpec spec, Instant startedAt) {
      this.spec = spec;
      this.position = index.get(spec.name());
      this.startedAt = startedAt;
      this.pods = pods(version);
      this.rolloutUntil = startedAt;
    }

    /** A rollout that comes up: new pods (restarts from 0), one replica unavailable for a few seconds. */
    void rollOut(String newVersion, Instant now) {
      pods = pods(newVersion);
      crashingPod = null;
      crashingSince = null;
      rolloutUntil = now.plus(ROLLOUT);
    }

    /** A rollout whose first new pod never starts: it stalls, the old pods keep serving. */
    void rollOutCrashing(String newVersion, Instant now) {
      crashingPod = pods(newVersion).getFirst();
      crashingSince = now;
    }

    /** Pod names as a Deployment's ReplicaSet makes them: the service, a hash of the template, a suffix. */
    private List<String> pods(String forVersion) {
      String template = spec.name() + "-" + String.format("%08x", (spec.name() + "@" + forVersion).hashCode());
      List<String> out = new ArrayList<>();
      for (int i = 0; i < REPLICAS; i++) {
        out.add(template + "-" + String.format("%05x", (template + "#" + i).hashCode() & 0xFFFFF));
      }
      return List.copyOf(out);
    }

    void restart(Instant now) {
      startedAt = now;
      java.util.Arrays.fill(byCode, 0);
      java.util.Arrays.fill(buckets, 0);
      count = 0;
      sum = 0;
      cpuSeconds = 0;
      evaluations = 0;
      leakMbPerHour = 0;
      leakSince = null;
    }

    void record(long k, double expected, double medianMillis, double errorRatio, double poolDemand, Instant now) {
      long requests = Math.max(0, Math.round(expected + Math.sqrt(expected) * noise.gaussian(position, k, 3)));
      lastRequests = requests;
      double failures = requests * errorRatio
          + Math.sqrt(requests * errorRatio * (1 - errorRatio)) * noise.gaussian(position, k, 4);
      long failed = Math.clamp(Math.round(failures), 0, requests);
      long notFound = Math.min(requests - failed, Math.round(requests * spec.notFoundRatio()));
      long unavailable = Math.round(failed * 0.2);
      byCode[0] += requests - failed - notFound;
      byCode[1] += notFound;
      byCode[2] += failed - unavailable;
      byCode[3] += unavailable;
      // Bucket counts from the log-normal's distribution function, with one shared jitter so they stay cumulative.
      double jitter = noise.uniform(position, k, 5);
      double logMedian = Math.log(Math.max(medianMillis, 1e-3) / 1000);
      for (int b = 0; b < BUCKETS.length; b++) {
        double share = Noise.normalCdf((Math.log(BUCKETS[b]) - logMedian) / spec.sigma());
        buckets[b] += Math.min(requests, Math.floor(requests * share + jitter));
      }
      count += requests;
      sum += requests * medianMillis / 1000 * Math.exp(spec.sigma() * spec.sigma() / 2);
      double seconds = TICK.toSeconds();
      cpuSeconds += seconds * (0.02 + requests / seconds * spec.cpuMillisPerRequest() / 1000 * flagCpu)
          * (1 + 0.05 * noise.gaussian(position, k, 6));
      double leakMb = leakSince == null ? 0 : leakMbPerHour * Duration.between(leakSince, now).toSeconds() / 3600.0;
      double busy = Math.min(1, requests / seconds / spec.capacityRps());
      memoryBytes = (spec.memoryMb() * (1 + 0.2 * busy) + leakMb + 3 * noise.gaussian(position, k, 7)) * 1024 * 1024;
      poolUsed = spec.poolSize() == 0 ? 0
          : Math.clamp(Math.round(poolDemand + 0.5 + 0.6 * noise.gaussian(position, k, 8)), 0, spec.poolSize());
    }

    void expose(Map<String, List<MetricSample>> samples, Map<String, MetricFamily> shapes) {
      String base = Labels.of("job", "shop", "instance", spec.name() + ":8080", "service", spec.name());
      switch (spec.kind()) {
        case SERVICE -> exposeService(base, samples, shapes);
        case DATASTORE -> exposeDatastore(base, samples, shapes);
        case QUEUE -> {
          return; // the queue's own series are exposed once by the simulator
        }
      }
      family(shapes, samples, "process_cpu_seconds", MetricType.COUNTER, "CPU time used by the process.")
          .add(new MetricSample("process_cpu_seconds_total", base, round(cpuSeconds, 1000)));
      family(shapes, samples, "process_resident_memory_bytes", MetricType.GAUGE, "Resident memory of the process.")
          .add(new MetricSample("process_resident_memory_bytes", base, Math.round(memoryBytes)));
      family(shapes, samples, "process_start_time_seconds", MetricType.GAUGE, "When the process started.")
          .add(new MetricSample("process_start_time_seconds", base, startedAt.getEpochSecond()));
      family(shapes, samples, "shop_build_info", MetricType.GAUGE, "The running version; always 1.")
          .add(new MetricSample("shop_build_info", Labels.with(Labels.with(base, "version", version), "team",
              spec.team()), 1));
    }

    private void exposeService(String base, Map<String, List<MetricSample>> samples,
        Map<String, MetricFamily> shapes) {
      List<MetricSample> requests = family(shapes, samples, "http_server_requests", MetricType.COUNTER,
          "HTTP requests served, by status code.");
      for (int c = 0; c < CODES.length; c++) {
        requests.add(new MetricSample("http_server_requests_total", Labels.with(base, "code", CODES[c]), byCode[c]));
      }
      histogram(family(shapes, samples, "http_server_request_duration_seconds", MetricType.HISTOGRAM,
          "Time to serve an HTTP request."), "http_server_request_duration_seconds", base);
      if (spec.poolSize() > 0) {
        family(shapes, samples, "db_client_connections_usage", MetricType.GAUGE,
            "Database connections in use by the service's pool.")
            .add(new MetricSample("db_client_connections_usage", Labels.with(base, "state", "used"), poolUsed));
        family(shapes, samples, "db_client_connections_max", MetricType.GAUGE, "Size of the service's pool.")
            .add(new MetricSample("db_client_connections_max", base, spec.poolSize()));
      }
    }

    private void exposeDatastore(String base, Map<String, List<MetricSample>> samples,
        Map<String, MetricFamily> shapes) {
      String db = Labels.with(base, "datname", "shop");
      family(shapes, samples, "pg_stat_database_xact_commit", MetricType.COUNTER, "Transactions committed.")
          .add(new MetricSample("pg_stat_database_xact_commit_total", db, byCode[0] + byCode[1]));
      family(shapes, samples, "pg_stat_database_xact_rollback", MetricType.COUNTER, "Transactions rolled back.")
          .add(new MetricSample("pg_stat_database_xact_rollback_total", db, byCode[2] + byCode[3]));
      histogram(family(shapes, samples, "pg_query_duration_seconds", MetricType.HISTOGRAM,
          "Time to run a query."), "pg_query_duration_seconds", db);
      double active = 0;
      for (Node n : nodes) {
        active += n.poolUsed;
      }
      family(shapes, samples, "pg_stat_activity_count", MetricType.GAUGE, "Connections by state.")
          .add(new MetricSample("pg_stat_activity_count", Labels.with(db, "state", "active"), active));
      family(shapes, samples, "pg_settings_max_connections", MetricType.GAUGE, "The connection limit.")
          .add(new MetricSample("pg_settings_max_connections", base, 200));
    }

    private void histogram(List<MetricSample> out, String name, String labels) {
      for (int b = 0; b < BUCKETS.length; b++) {
        out.add(new MetricSample(name + "_bucket", Labels.with(labels, "le", bound(BUCKETS[b])), buckets[b]));
      }
      out.add(new MetricSample(name + "_bucket", Labels.with(labels, "le", "+Inf"), count));
      out.add(new MetricSample(name + "_sum", labels, round(sum, 1000)));
      out.add(new MetricSample(name + "_count", labels, count));
    }
  }

  private static String bound(double le) {
    return le == Math.rint(le) ? String.valueOf((long) le) + ".0" : String.valueOf(le);
  }

  /** The seed this simulation was built with. */
  public long seed() {
    return seed;
  }
}
