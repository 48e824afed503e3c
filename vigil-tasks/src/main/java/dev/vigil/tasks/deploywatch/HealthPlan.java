package dev.vigil.tasks.deploywatch;

import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which services a deploy watch judges, on which signals, and why: the deployed service; when the deploy
 * ships more than one service (its name is not a service of the catalog, e.g. a whole repository), the
 * services whose paths the changeset touched (catalog locations, else the one service of the path's
 * CODEOWNERS team); the datastores they use when a migration or an SQL file changed; and the services that
 * call any of them directly, since a change that breaks an API shows in its callers first. A service of the
 * catalog is deployed on its own: other services' paths in its range were shipped by their own deploys, and
 * are only named. A shipped service (deployed or changed) whose configuration or container image changed is
 * also judged on its restarts and readiness, one whose feature flags changed on its flag evaluations; a path
 * of no service counts for the deployed one, which shipped it.
 *
 * @param targets in the order they are judged and reported, the deployed service first
 * @param notes what the plan could not cover, for the post (e.g. unmapped paths, no datastore signals)
 */
record HealthPlan(List<Target> targets, List<String> notes) {
  /** The golden signals of the watch (its set or its own templates). */
  static final String GOLDEN = "golden";

  private static final Pattern MIGRATION = Pattern.compile("(^|/)(migrations?|migrate|schema)/|\\.sql$");
  private static final Pattern FLAGS = Pattern.compile("(^|/)[^/]*flags?[^/]*$");
  /**
   * Configuration or the container image: what changes how a process starts and whether it comes up, rather
   * than what its code does. Image: Dockerfile or Containerfile (any suffix), .dockerignore, Compose files;
   * Kubernetes: manifests, Helm charts and values, Kustomize (directories k8s, kubernetes, manifests, deploy,
   * helm, chart(s), kustomize; Chart.yaml, values*.yaml, kustomization.yaml); the application's own:
   * application*.yml|yaml|properties (Spring Boot), .env files, directories config and conf.
   */
  private static final Pattern RUNTIME = Pattern.compile("(^|/)(Dockerfile|Containerfile)([.-][^/]*)?$"
      + "|(^|/)\\.dockerignore$|(^|/)(docker-)?compose[^/]*\\.ya?ml$"
      + "|(^|/)(k8s|kubernetes|manifests|deploy|helm|charts?|kustomize)/"
      + "|(^|/)(Chart|kustomization|values[^/]*)\\.ya?ml$"
      + "|(^|/)application[^/]*\\.(ya?ml|properties)$|(^|/)\\.env(\\.[^/]*)?$|(^|/)(config|conf)/");

  HealthPlan {
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
  }

  /** Why a service is in the plan. */
  enum Role {
    DEPLOYED("deployed"), CHANGED("changed"), DATASTORE("datastore"), DEPENDENT("dependent");

    final String word;

    Role(String word) {
      this.word = word;
    }
  }

  /**
   * One service to judge.
   *
   * @param signals the signal sets it is judged on, in order, at least one: {@link #GOLDEN} (the watch's own)
   *     or the name of a built-in set; the first is its main set, the others were added for what changed
   *     (restarts and readiness, flag evaluations)
   * @param why one phrase, e.g. {@code calls checkout} or {@code db/migrations/0042.sql changed}
   * @param causes the changed services a dependent or datastore is judged for (empty for those changed)
   */
  record Target(String service, Role role, List<String> signals, String why, List<String> causes) {
    Target {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(role, "role");
      signals = List.copyOf(signals);
      if (signals.isEmpty()) {
        throw new IllegalArgumentException(service + ": a planned service is judged on one signal set at least");
      }
      Objects.requireNonNull(why, "why");
      causes = List.copyOf(causes);
    }

    /** Judged on one set. */
    Target(String service, Role role, String signals, String why, List<String> causes) {
      this(service, role, List.of(signals), why, causes);
    }

    /** The same target also judged on {@code set}, after the sets it has (once). */
    Target with(String set) {
      if (signals.contains(set)) {
        return this;
      }
      List<String> more = new ArrayList<>(signals);
      more.add(set);
      return new Target(service, role, more, why, causes);
    }
  }

  /**
   * The plan for {@code deploy}.
   *
   * @param changes the changeset, empty when it could not be read (then only the deployed service and its callers)
   * @param sets the signal sets added for what changed, each empty for none
   * @param maxServices how many services at most; the rest is named in the notes
   */
  static HealthPlan of(DeployNotice deploy, ContextGraph graph, Optional<ChangeRange> changes, ChangeSets sets,
      int maxServices) {
    Map<String, Target> targets = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    targets.put(deploy.service(), new Target(deploy.service(), Role.DEPLOYED, GOLDEN, "deployed", List.of()));
    Map<String, List<String>> changedPaths = new LinkedHashMap<>();
    List<String> migrations = new ArrayList<>();
    if (changes.isPresent()) {
      List<String> unmapped = new ArrayList<>();
      for (String path : changes.get().files()) {
        Optional<Mapped> mapped = serviceOf(graph, changes.get().repository(), path);
        if (mapped.isPresent()) {
          changedPaths.computeIfAbsent(mapped.get().service(), s -> new ArrayList<>()).add(path);
        } else {
          unmapped.add(path);
        }
        if (MIGRATION.matcher(path).find()) {
          migrations.add(path);
        }
      }
      // A service the catalog knows is deployed on its own: the other services' paths in the range were
      // shipped by their own deploys (a monorepo). A deploy the catalog does not know (a whole repository,
      // several components at once) ships every service whose paths changed.
      boolean onItsOwn = graph.node(NodeId.service(deploy.service())).isPresent();
      List<String> shippedElsewhere = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : changedPaths.entrySet()) {
        if (onItsOwn && !e.getKey().equals(deploy.service())) {
          shippedElsewhere.add(e.getKey() + " (" + describePaths(e.getValue()) + ")");
        } else if (!e.getKey().equals(deploy.service())) {
          targets.putIfAbsent(e.getKey(), new Target(e.getKey(), Role.CHANGED, GOLDEN, describePaths(e.getValue())
              + " changed", List.of()));
        }
      }
      if (!shippedElsewhere.isEmpty()) {
        notes.add("also in the range, shipped by their own deploys and not judged here: "
            + String.join(", ", shippedElsewhere));
      }
      if (!unmapped.isEmpty()) {
        notes.add("not in any service's catalog paths: " + describePaths(unmapped) + owners(graph, unmapped));
      }
      addForPaths(targets, notes, graph, changes.get(), deploy.service(), RUNTIME, sets.runtime(),
          "configuration or the image changed", "restarts and readiness", "runtimeSignals");
      addForPaths(targets, notes, graph, changes.get(), deploy.service(), FLAGS, sets.flags(),
          "feature flags changed", "flag evaluations", "flagSignals");
    }
    List<String> changed = targets.keySet().stream().toList();
    if (!migrations.isEmpty()) {
      Set<String> datastores = new LinkedHashSet<>();
      for (String s : changed) {
        graph.neighbours(NodeId.service(s), ContextGraph.Direction.DEPENDENCIES, 1).stream()
            .filter(r -> r.node().kind() == NodeKind.RESOURCE).forEach(r -> datastores.add(r.node().name()));
      }
      if (datastores.isEmpty()) {
        notes.add("migrations changed (" + describePaths(migrations) + ") but the graph knows no datastore of "
            + String.join(", ", changed));
      } else if (sets.datastores().isEmpty()) {
        notes.add("migrations changed (" + describePaths(migrations) + "): datastore signals are off (parameter"
            + " datastoreSignals)");
      } else {
        for (String d : datastores) {
          List<String> users = changed.stream().filter(s -> graph.neighbours(NodeId.service(s),
              ContextGraph.Direction.DEPENDENCIES, 1).stream().anyMatch(r -> r.node().name().equals(d))).toList();
          targets.putIfAbsent(d, new Target(d, Role.DATASTORE, sets.datastores(), "datastore of "
              + String.join(", ", users) + "; " + describePaths(migrations) + " changed", users));
        }
      }
    }
    for (String s : changed) {
      for (ContextGraph.Reached r : graph.neighbours(NodeId.service(s), ContextGraph.Direction.DEPENDENTS, 1)) {
        if (r.node().kind() == NodeKind.SERVICE && !targets.containsKey(r.node().name())) {
          targets.put(r.node().name(), new Target(r.node().name(), Role.DEPENDENT, GOLDEN, "calls " + s, List.of(s)));
        } else if (targets.get(r.node().name()) instanceof Target t && t.role() == Role.DEPENDENT
            && !t.causes().contains(s)) {
          List<String> causes = new ArrayList<>(t.causes());
          causes.add(s);
          targets.put(t.service(), new Target(t.service(), Role.DEPENDENT, GOLDEN, "calls " + String.join(", ", causes),
              causes));
        }
      }
    }
    List<Target> all = new ArrayList<>(targets.values());
    if (all.size() > maxServices) {
      notes.add("left out to stay within " + maxServices + " services (parameter maxServices): " + String.join(", ",
          all.subList(maxServices, all.size()).stream().map(Target::service).toList()));
      all = all.subList(0, maxServices);
    }
    return new HealthPlan(all, notes);
  }

  /**
   * The signal sets a plan adds for what changed, each the name of a built-in set or empty for none.
   *
   * @param datastores for the datastores of changed services when migrations or SQL changed
   * @param runtime for a shipped service whose configuration or container image changed
   * @param flags for a shipped service whose feature flags changed
   */
  record ChangeSets(String datastores, String runtime, String flags) {
    ChangeSets {
      Objects.requireNonNull(datastores, "datastores");
      Objects.requireNonNull(runtime, "runtime");
      Objects.requireNonNull(flags, "flags");
    }
  }

  /**
   * Adds {@code set} to each shipped service (the deployed one, the changed ones) that owns a changed path
   * matching {@code kind}; a path of no service is the deployed service's, which shipped it. Paths of services
   * shipped by their own deploys are left to those. One note says what was added, or that the set is off.
   */
  private static void addForPaths(Map<String, Target> targets, List<String> notes, ContextGraph graph,
      ChangeRange changes, String deployed, Pattern kind, String set, String what, String judged, String parameter) {
    Map<String, List<String>> byService = new LinkedHashMap<>();
    for (String path : changes.files()) {
      if (!kind.matcher(path).find()) {
        continue;
      }
      String owner = serviceOf(graph, changes.repository(), path).map(Mapped::service).orElse(deployed);
      if (targets.get(owner) instanceof Target t && (t.role() == Role.DEPLOYED || t.role() == Role.CHANGED)) {
        byService.computeIfAbsent(owner, s -> new ArrayList<>()).add(path);
      }
    }
    if (byService.isEmpty()) {
      return;
    }
    List<String> all = byService.values().stream().flatMap(List::stream).toList();
    // A few paths are named: "2 files" says nothing when they share no folder (a service's and the root's).
    String paths = all.size() <= 3 ? String.join(", ", all) : describePaths(all);
    if (set.isEmpty()) {
      notes.add(what + " (" + paths + "): " + judged + " are not judged (parameter " + parameter
          + " is off); the golden signals of the services above show what the change does");
      return;
    }
    byService.keySet().forEach(s -> targets.put(s, targets.get(s).with(set)));
    notes.add(what + " (" + paths + "): " + String.join(", ", byService.keySet()) + " also judged"
        + " on " + judged + " (" + set + ")");
  }

  private record Mapped(String service, String how) {
  }

  /** The services {@code paths} belong to, each once, in the order first met. */
  static List<String> servicesOf(ContextGraph graph, String repository, List<String> paths) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    paths.forEach(p -> serviceOf(graph, repository, p).ifPresent(m -> out.add(m.service())));
    return List.copyOf(out);
  }

  /**
   * The service of a path: the catalog's longest matching location; else, from CODEOWNERS, the only service
   * the path's owning team owns (a team owning several gives no answer rather than a guess).
   */
  private static Optional<Mapped> serviceOf(ContextGraph graph, String repository, String path) {
    Optional<NodeId> byCatalog = graph.serviceForPath(repository + ":" + path);
    if (byCatalog.isPresent()) {
      return Optional.of(new Mapped(byCatalog.get().name(), "catalog"));
    }
    for (ContextGraph.Owner owner : graph.ownersOfPath(path)) {
      List<String> owned = graph.nodes(NodeKind.SERVICE).stream().filter(s -> graph.owners(s.id()).stream()
          .anyMatch(o -> o.role().equals("owner") && o.who().equals(owner.who()))).map(s -> s.id().name()).toList();
      if (owned.size() == 1) {
        return Optional.of(new Mapped(owned.getFirst(), "CODEOWNERS"));
      }
    }
    return Optional.empty();
  }

  private static String owners(ContextGraph graph, List<String> paths) {
    Set<String> who = new LinkedHashSet<>();
    paths.forEach(p -> graph.ownersOfPath(p).forEach(o -> who.add(o.who().toString())));
    return who.isEmpty() ? "" : " (CODEOWNERS: " + String.join(", ", who) + ")";
  }

  /** {@code services/checkout/src/tax.py} for one path, {@code 3 files under services/checkout/} for more. */
  static String describePaths(List<String> paths) {
    if (paths.size() == 1) {
      return paths.getFirst();
    }
    String common = paths.getFirst();
    for (String p : paths) {
      while (!p.startsWith(common)) {
        common = common.substring(0, Math.max(0, common.lastIndexOf('/', common.length() - 2) + 1));
      }
    }
    return paths.size() + " files" + (common.isEmpty() ? "" : " under " + common);
  }

  /**
   * One line per service for the plan post: its main set's signals, then each added set's after a semicolon,
   * e.g. {@code - checkout (deployed): latency_p99, error_ratio, traffic; restarts, unavailable_replicas}.
   *
   * @param signalsOf the names of a set's signals ({@link #GOLDEN}: the watch's own)
   */
  String describe(java.util.function.Function<String, List<String>> signalsOf) {
    StringBuilder out = new StringBuilder("Health plan (" + targets.size() + (targets.size() == 1 ? " service" : " services")
        + "):");
    for (Target t : targets) {
      out.append("\n- ").append(t.service()).append(" (").append(t.role() == Role.DEPLOYED || t.role() == Role.CHANGED
          ? t.why() : t.role().word + ": " + t.why()).append("): ").append(String.join("; ", t.signals().stream()
              .map(set -> String.join(", ", signalsOf.apply(set))).toList()));
    }
    notes.forEach(n -> out.append("\n- ").append(n.substring(0, 1).toUpperCase(Locale.ROOT)).append(n.substring(1)));
    return out.toString();
  }

  /** As stored in the step's output (plain values), and back. */
  Map<String, Object> toOutput() {
    return Map.of("targets", targets.stream().map(t -> Map.<String, Object>of("service", t.service(), "role",
        t.role().name(), "signals", t.signals(), "why", t.why(), "causes", t.causes())).toList(), "notes", notes);
  }

  /**
   * Reads {@link #toOutput()} back. Plans stored before a service could be judged on several sets hold one
   * set's name as {@code signals}; a watch begun then resumes after an upgrade, so both forms are read.
   */
  @SuppressWarnings("unchecked")
  static HealthPlan fromOutput(Map<String, Object> m) {
    List<Target> targets = ((List<Map<String, Object>>) m.get("targets")).stream().map(t -> new Target(
        (String) t.get("service"), Role.valueOf((String) t.get("role")), t.get("signals") instanceof List<?> sets
            ? (List<String>) sets : List.of((String) t.get("signals")),
        (String) t.get("why"), (List<String>) t.get("causes"))).toList();
    return new HealthPlan(targets, (List<String>) m.get("notes"));
  }
}
