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
 * are only named.
 *
 * @param targets in the order they are judged and reported, the deployed service first
 * @param notes what the plan could not cover, for the post (e.g. unmapped paths, no datastore signals)
 */
record HealthPlan(List<Target> targets, List<String> notes) {
  /** The golden signals of the watch (its set or its own templates). */
  static final String GOLDEN = "golden";

  private static final Pattern MIGRATION = Pattern.compile("(^|/)(migrations?|migrate|schema)/|\\.sql$");
  private static final Pattern FLAGS = Pattern.compile("(^|/)[^/]*flags?[^/]*$");
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
   * @param signals {@link #GOLDEN} or the name of a signal set
   * @param why one phrase, e.g. {@code calls checkout} or {@code db/migrations/0042.sql changed}
   * @param causes the changed services a dependent or datastore is judged for (empty for those changed)
   */
  record Target(String service, Role role, String signals, String why, List<String> causes) {
    Target {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(signals, "signals");
      Objects.requireNonNull(why, "why");
      causes = List.copyOf(causes);
    }
  }

  /**
   * The plan for {@code deploy}.
   *
   * @param changes the changeset, empty when it could not be read (then only the deployed service and its callers)
   * @param datastoreSignals the signal set for datastores, empty for none
   * @param maxServices how many services at most; the rest is named in the notes
   */
  static HealthPlan of(DeployNotice deploy, ContextGraph graph, Optional<ChangeRange> changes, String datastoreSignals,
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
      List<String> flags = changes.get().files().stream().filter(p -> FLAGS.matcher(p).find()).toList();
      if (!flags.isEmpty()) {
        notes.add("feature flags changed (" + describePaths(flags) + "): no flag metrics are known, the golden"
            + " signals of the services below show what the flags do");
      }
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
      } else if (datastoreSignals.isEmpty()) {
        notes.add("migrations changed (" + describePaths(migrations) + "): datastore signals are off (parameter"
            + " datastoreSignals)");
      } else {
        for (String d : datastores) {
          List<String> users = changed.stream().filter(s -> graph.neighbours(NodeId.service(s),
              ContextGraph.Direction.DEPENDENCIES, 1).stream().anyMatch(r -> r.node().name().equals(d))).toList();
          targets.putIfAbsent(d, new Target(d, Role.DATASTORE, datastoreSignals, "datastore of "
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

  /** One line per service for the plan post. */
  String describe(List<String> goldenSignals, Map<String, List<String>> setSignals) {
    StringBuilder out = new StringBuilder("Health plan (" + targets.size() + (targets.size() == 1 ? " service" : " services")
        + "):");
    for (Target t : targets) {
      List<String> signals = t.signals().equals(GOLDEN) ? goldenSignals : setSignals.getOrDefault(t.signals(), List.of());
      out.append("\n- ").append(t.service()).append(" (").append(t.role() == Role.DEPLOYED || t.role() == Role.CHANGED
          ? t.why() : t.role().word + ": " + t.why()).append("): ").append(String.join(", ", signals));
    }
    notes.forEach(n -> out.append("\n- ").append(n.substring(0, 1).toUpperCase(Locale.ROOT)).append(n.substring(1)));
    return out.toString();
  }

  /** As stored in the step's output (plain values), and back. */
  Map<String, Object> toOutput() {
    return Map.of("targets", targets.stream().map(t -> Map.<String, Object>of("service", t.service(), "role",
        t.role().name(), "signals", t.signals(), "why", t.why(), "causes", t.causes())).toList(), "notes", notes);
  }

  @SuppressWarnings("unchecked")
  static HealthPlan fromOutput(Map<String, Object> m) {
    List<Target> targets = ((List<Map<String, Object>>) m.get("targets")).stream().map(t -> new Target(
        (String) t.get("service"), Role.valueOf((String) t.get("role")), (String) t.get("signals"),
        (String) t.get("why"), (List<String>) t.get("causes"))).toList();
    return new HealthPlan(targets, (List<String>) m.get("notes"));
  }
}
