package dev.vigil.server.config;

import dev.vigil.core.Durations;
import dev.vigil.graph.people.PeopleSource;
import dev.vigil.graph.servicegraph.ServiceGraphSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * The context graph's settings, from the environment (docs/context-graph.md).
 *
 * @param sources {@code VIGIL_GRAPH_SOURCES}: comma-separated {@code name=type:location}, types
 *     {@code backstage} (catalog-info.yaml files), {@code backstage-yaml} (every .yaml/.yml file) and
 *     {@code codeowners}; the location is a folder, or {@code git+URL[#ref]} for a Git repository;
 *     type {@code servicegraph} takes a prometheus integration's name and a window,
 *     {@code prom-main[#1h]}; type {@code kubernetes} a kubernetes integration's name and namespaces,
 *     {@code k8s-main[#payments+search]}; types {@code deploy-events}, {@code alert-events} and
 *     {@code pagerduty-events} how many of the newest accepted events to scan, e.g. {@code 10000};
 *     type {@code prometheus-rules} a
 *     prometheus integration's name, {@code prom-main}; type {@code prometheus-targets} a prometheus
 *     integration's name and the target label naming services, {@code prom-main[#service]}; type
 *     {@code requests} a prometheus integration's name, a request counter, its client and server labels
 *     and a window, {@code prom-main#istio_requests_total/source_workload/destination_workload[/1h]}
 * @param refreshEvery {@code VIGIL_GRAPH_REFRESH}, default 5m
 * @param staleAfter {@code VIGIL_GRAPH_STALE_AFTER}, default 24h
 */
public record GraphSettings(List<SourceSpec> sources, Duration refreshEvery, Duration staleAfter,
    java.util.Optional<BaselineSpec> baselines) {
  /**
   * Learned baselines ({@code VIGIL_GRAPH_BASELINES=prom-main#prometheus-http+process}): the prometheus
   * integration to learn from and the signal sets to learn, refreshed every {@code refreshEvery}
   * ({@code VIGIL_GRAPH_BASELINES_REFRESH}, default 1h) from {@code history}
   * ({@code VIGIL_GRAPH_BASELINES_HISTORY}, default 7d) at {@code step} ({@code VIGIL_GRAPH_BASELINES_STEP},
   * default 1m) with {@code $window} = {@code window} ({@code VIGIL_GRAPH_BASELINES_WINDOW}, default 2m). The
   * defaults are the deploy watch's and signal check's (their history step and default rate window), so that
   * their checks judge against the stored week instead of reading it.
   */
  public record BaselineSpec(String integration, List<String> signalSets, Duration refreshEvery, Duration history,
      Duration step, Duration window) {
    public BaselineSpec {
      signalSets = List.copyOf(signalSets);
      if (integration.isBlank() || signalSets.isEmpty()) {
        throw new IllegalArgumentException("VIGIL_GRAPH_BASELINES names a prometheus integration and signal sets,"
            + " e.g. prom-main#prometheus-http+process");
      }
      if (refreshEvery.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("VIGIL_GRAPH_BASELINES_REFRESH must be at least 1m, was " + refreshEvery);
      }
      if (history.compareTo(Duration.ofDays(1)) < 0) {
        throw new IllegalArgumentException("VIGIL_GRAPH_BASELINES_HISTORY must be at least 1d, was " + history);
      }
      if (step.toSeconds() < 1 || step.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("VIGIL_GRAPH_BASELINES_STEP must be within 1s..1h, was " + step);
      }
      if (window.compareTo(step) < 0) {
        throw new IllegalArgumentException("VIGIL_GRAPH_BASELINES_WINDOW must be at least the step (" + step
            + "), was " + window);
      }
    }

    static java.util.Optional<BaselineSpec> parse(String text, Duration refreshEvery, Duration history, Duration step,
        Duration window) {
      if (text == null || text.isBlank()) {
        return java.util.Optional.empty();
      }
      String t = text.strip();
      int hash = t.indexOf('#');
      if (hash <= 0 || hash == t.length() - 1) {
        throw new IllegalArgumentException("VIGIL_GRAPH_BASELINES '" + t + "' must be integration#signal-sets,"
            + " e.g. prom-main#prometheus-http+process");
      }
      List<String> sets = java.util.Arrays.stream(t.substring(hash + 1).split("\\+")).map(String::strip)
          .filter(x -> !x.isEmpty()).toList();
      // Names an unknown set at start, with the known ones, rather than at the first refresh.
      dev.vigil.tasks.signalcheck.ResourceSignals.named(sets);
      return java.util.Optional.of(new BaselineSpec(t.substring(0, hash).strip(), sets, refreshEvery, history, step,
          window));
    }
  }

  /**
   * One configured source: a folder, or a Git repository (URL and ref, default HEAD) when the location
   * starts with {@code git+}.
   */
  public record SourceSpec(String name, String type, String location) {
    public boolean isGit() {
      return location.startsWith("git+");
    }

    public Path folder() {
      return Path.of(location);
    }

    public String gitUrl() {
      String url = location.substring("git+".length());
      int hash = url.lastIndexOf('#');
      return hash < 0 ? url : url.substring(0, hash);
    }

    /** For kubernetes sources: the namespaces after {@code #}, joined by {@code +}; empty for the integration's own. */
    public List<String> namespaces() {
      int hash = location.indexOf('#');
      return hash < 0 ? List.of() : java.util.Arrays.stream(location.substring(hash + 1).split("\\+"))
          .map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    /** For deploy-events sources: how many of the newest events to scan; 0 when not a number. */
    public int eventLimit() {
      try {
        return Integer.parseInt(location);
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    /** For servicegraph and kubernetes sources: the integration name. */
    public String integration() {
      int hash = location.indexOf('#');
      return hash < 0 ? location : location.substring(0, hash);
    }

    /** For requests sources: the counter and its client and server labels, {@code #metric/client/server}. */
    public ServiceGraphSource.RequestMetric requestMetric() {
      String[] parts = requestParts();
      if (parts.length < 3 || parts.length > 4) {
        throw new IllegalArgumentException("expected metric/client-label/server-label[/window] after '#'");
      }
      return ServiceGraphSource.RequestMetric.of(parts[0], parts[1], parts[2]);
    }

    private String[] requestParts() {
      int hash = location.indexOf('#');
      return hash < 0 ? new String[0] : location.substring(hash + 1).split("/", -1);
    }

    /** For servicegraph and requests sources: how far back traffic counts, default one hour. */
    public Duration window() {
      if (type.equals("requests")) {
        String[] parts = requestParts();
        return parts.length < 4 ? Duration.ofHours(1) : Durations.parse(parts[3], "window of source '" + name + "'");
      }
      int hash = location.indexOf('#');
      return hash < 0 ? Duration.ofHours(1) : Durations.parse(location.substring(hash + 1), "window of source '" + name + "'");
    }

    /** For prometheus-targets sources: the target label that names services, default {@code service}. */
    public String targetLabel() {
      int hash = location.indexOf('#');
      return hash < 0 ? "service" : location.substring(hash + 1).strip();
    }

    public String gitRef() {
      int hash = location.lastIndexOf('#');
      return hash < 0 || hash == location.length() - 1 ? "HEAD" : location.substring(hash + 1);
    }
  }

  static final Set<String> TYPES =
      Set.of("backstage", "backstage-yaml", "codeowners", "servicegraph", "kubernetes", "deploy-events", "alert-events",
          "pagerduty-events", "prometheus-rules", "prometheus-targets", "requests");

  public GraphSettings {
    sources = List.copyOf(sources);
    baselines = baselines == null ? java.util.Optional.empty() : baselines;
    if (refreshEvery.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException("VIGIL_GRAPH_REFRESH must be at least 10s, was " + refreshEvery);
    }
    if (staleAfter.isZero() || staleAfter.isNegative()) {
      throw new IllegalArgumentException("VIGIL_GRAPH_STALE_AFTER must be positive, was " + staleAfter);
    }
  }

  public static GraphSettings from(Environment env) {
    return new GraphSettings(parseSources(env.getProperty("VIGIL_GRAPH_SOURCES", "")),
        Durations.parse(env.getProperty("VIGIL_GRAPH_REFRESH", "5m"), "VIGIL_GRAPH_REFRESH"),
        Durations.parse(env.getProperty("VIGIL_GRAPH_STALE_AFTER", "24h"), "VIGIL_GRAPH_STALE_AFTER"),
        BaselineSpec.parse(env.getProperty("VIGIL_GRAPH_BASELINES", ""),
            Durations.parse(env.getProperty("VIGIL_GRAPH_BASELINES_REFRESH", "1h"), "VIGIL_GRAPH_BASELINES_REFRESH"),
            Durations.parse(env.getProperty("VIGIL_GRAPH_BASELINES_HISTORY", "7d"), "VIGIL_GRAPH_BASELINES_HISTORY"),
            Durations.parse(env.getProperty("VIGIL_GRAPH_BASELINES_STEP", "1m"), "VIGIL_GRAPH_BASELINES_STEP"),
            Durations.parse(env.getProperty("VIGIL_GRAPH_BASELINES_WINDOW", "2m"), "VIGIL_GRAPH_BASELINES_WINDOW")));
  }

  static List<SourceSpec> parseSources(String text) {
    List<SourceSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String item : text.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      String entry = item.strip();
      int eq = entry.indexOf('=');
      int colon = entry.indexOf(':', eq + 1);
      if (eq <= 0 || colon < 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry
            + "' must be name=type:location, e.g. shop-catalog=backstage:/srv/shop"
            + " or shop-catalog=backstage:git+https://github.com/acme/shop.git#main");
      }
      String name = entry.substring(0, eq).strip();
      String type = entry.substring(eq + 1, colon).strip().toLowerCase(Locale.ROOT);
      if (!TYPES.contains(type)) {
        throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry + "': unknown type '" + type
            + "' (expected one of: backstage, backstage-yaml, codeowners, servicegraph, kubernetes, deploy-events,"
            + " alert-events, pagerduty-events, prometheus-rules, prometheus-targets, requests)");
      }
      if (name.equals(PeopleSource.NAME)) {
        throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry + "': the name '" + PeopleSource.NAME
            + "' is reserved for what people tell the graph (POST /api/v1/graph/facts); choose another name");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES names '" + name + "' twice: names must be unique");
      }
      SourceSpec spec = new SourceSpec(name, type, entry.substring(colon + 1).strip());
      if (type.endsWith("-events") && spec.eventLimit() < 1) {
        throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry + "': a " + type
            + " source gives how many recent events to scan, e.g. deploys=" + type + ":10000");
      }
      if (type.equals("kubernetes") && (spec.isGit() || spec.integration().isBlank())) {
        throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry
            + "': a kubernetes source names a kubernetes integration, e.g. cluster=kubernetes:k8s-main#payments+search");
      }
      if (type.equals("servicegraph")) {
        if (spec.isGit() || spec.integration().isBlank()) {
          throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry
              + "': a servicegraph source names a prometheus integration, e.g. traffic=servicegraph:prom-main#1h");
        }
        if (spec.window().toSeconds() < 60) {
          throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry + "': the window must be at least 1m");
        }
      }
      if (type.equals("prometheus-rules")
          && (spec.isGit() || spec.location().isBlank() || spec.location().contains("#"))) {
        throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry
            + "': a prometheus-rules source names a prometheus integration,"
            + " e.g. rules=prometheus-rules:prom-main");
      }
      if (type.equals("prometheus-targets")
          && (spec.isGit() || spec.integration().isBlank() || !spec.targetLabel().matches("[a-zA-Z_][a-zA-Z0-9_]*"))) {
        throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry + "': a prometheus-targets source"
            + " names a prometheus integration and optionally the target label naming services (a Prometheus label"
            + " name), e.g. targets=prometheus-targets:prom-main#service");
      }
      if (type.equals("requests")) {
        try {
          if (spec.isGit() || spec.integration().isBlank()) {
            throw new IllegalArgumentException("no prometheus integration named");
          }
          spec.requestMetric();
          if (spec.window().toSeconds() < 60) {
            throw new IllegalArgumentException("the window must be at least 1m");
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("VIGIL_GRAPH_SOURCES entry '" + entry + "': " + e.getMessage() + "; a"
              + " requests source names a prometheus integration, a request counter and its client and server labels,"
              + " e.g. mesh=requests:prom-main#istio_requests_total/source_workload/destination_workload/1h", e);
        }
      }
      specs.add(spec);
    }
    return specs;
  }
}
