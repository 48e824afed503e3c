package dev.vigil.store;

import dev.vigil.core.graph.AlertHistory;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphState;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.OwnershipRule;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.core.port.GraphStore;
import dev.vigil.core.port.Transactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.HashSet;
import java.util.function.Function;

/**
 * The context graph's state in the {@code graph_*} tables (migrations V4 and V6; deploys packed per
 * service in {@code graph_deploy_history}, rows of V4's {@code graph_deploys} are still read). A save deletes and
 * rewrites every table in one transaction, so a reader or a crash never sees half of a refresh;
 * the rows are few (one per fact a source reported, not per query), and sending them in batches
 * keeps a save of tens of thousands of facts within a second.
 */
public final class JdbcGraphStore implements GraphStore {
  /** The source column of facts no source reports any more (a real source name is never empty). */
  private static final String UNREPORTED = "";
  /** Tables with a source column, children before graph_contributions. */
  private static final List<String> SOURCE_TABLES = List.of("graph_problems", "graph_ownership",
      "graph_alert_history", "graph_deploy_history", "graph_deploys", "graph_edges", "graph_nodes",
      "graph_contributions");

  private final Sql sql;
  private final Transactor tx;

  public JdbcGraphStore(Database db) {
    this.sql = new Sql(db.dataSource());
    this.tx = db.transactor();
  }

  @Override
  public void save(GraphState state) {
    write(state, null);
  }

  @Override
  public void save(GraphState state, Set<String> changedSources) {
    write(state, Set.copyOf(changedSources));
  }

  /** @param changed the sources to rewrite; null rewrites everything */
  private void write(GraphState state, Set<String> changed) {
    ProvenanceJson json = new ProvenanceJson();
    List<Object[]> contributions = new ArrayList<>();
    List<Object[]> nodes = new ArrayList<>();
    List<Object[]> edges = new ArrayList<>();
    List<Object[]> deploys = new ArrayList<>();
    List<Object[]> alerts = new ArrayList<>();
    List<Object[]> ownership = new ArrayList<>();
    List<Object[]> problems = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (GraphContribution c : state.contributions()) {
      present.add(c.source());
      if (changed != null && !changed.contains(c.source())) {
        continue;
      }
      contributions.add(new Object[] {c.source(), c.readAt()});
      c.nodes().forEach(n -> nodes.add(nodeRow(c.source(), n)));
      c.edges().forEach(e -> edges.add(edgeRow(c.source(), e)));
      deploys.addAll(deployHistoryRows(c));
      for (AlertHistory a : c.alerts()) {
        alerts.add(new Object[] {c.source(), a.alert(), a.from(), a.to(), a.fired(), a.actedOn().isPresent() ? a.actedOn().getAsInt() : null, a.flaps(),
            json.of(a.provenance())});
      }
      for (OwnershipRule r : c.ownership()) {
        ownership.add(new Object[] {c.source(), r.order(), r.pattern(),
            Json.write(r.owners().stream().map(NodeId::toString).toList()), json.of(r.provenance())});
      }
      for (SourceProblem p : c.problems()) {
        problems.add(new Object[] {c.source(), p.location(), p.message()});
      }
    }
    state.unreportedNodes().forEach(n -> nodes.add(nodeRow(UNREPORTED, n)));
    state.unreportedEdges().forEach(e -> edges.add(edgeRow(UNREPORTED, e)));
    tx.run(() -> {
      if (changed == null) {
        SOURCE_TABLES.forEach(table -> sql.update("delete from " + table));
      } else {
        Set<String> gone = new HashSet<>(sql.query("select source from graph_contributions", rs -> rs.getString(1)));
        gone.removeAll(present);
        Set<String> rewrite = new HashSet<>(changed);
        rewrite.addAll(gone);
        rewrite.add(UNREPORTED);
        for (String source : rewrite) {
          SOURCE_TABLES.forEach(table -> sql.update("delete from " + table + " where source = ?", source));
        }
      }
      sql.update("delete from graph_state");
      sql.update("insert into graph_state (id, saved_at) values (1, ?)", state.savedAt());
      sql.insert("graph_contributions", List.of("source", "read_at"), contributions);
      sql.insert("graph_nodes", List.of("source", "node", "attributes", "provenance"), nodes);
      sql.insert("graph_edges", List.of("source", "from_node", "kind", "to_node", "provenance"), edges);
      sql.insert("graph_deploy_history", List.of("source", "service", "deploys"), deploys);
      sql.insert("graph_alert_history", List.of("source", "alert", "from_at", "to_at", "fired", "acted_on", "flaps",
          "provenance"), alerts);
      sql.insert("graph_ownership", List.of("source", "position", "pattern", "owners", "provenance"), ownership);
      sql.insert("graph_problems", List.of("source", "location", "message"), problems);
    });
  }

  @Override
  public Optional<GraphState> load() {
    return tx.inTransaction(() -> {
      Optional<Instant> savedAt = sql.one("select saved_at from graph_state where id = 1",
          rs -> Sql.instant(rs, "saved_at"));
      if (savedAt.isEmpty()) {
        return Optional.<GraphState>empty();
      }
      Map<String, Parts> bySource = new LinkedHashMap<>();
      ProvenanceCache cache = new ProvenanceCache();
      sql.query("select source, read_at from graph_contributions order by source", rs -> {
        bySource.put(rs.getString("source"), new Parts(Sql.instant(rs, "read_at")));
        return null;
      });
      Parts unreported = new Parts(savedAt.get());
      Function<String, Parts> parts = source -> source.isEmpty() ? unreported : bySource.get(source);
      sql.query("select source, node, attributes, provenance from graph_nodes", rs -> {
        parts.apply(rs.getString("source")).nodes.add(new Node(NodeId.parse(rs.getString("node")),
            stringMap(rs.getString("attributes")), cache.of(rs.getString("provenance")), false));
        return null;
      });
      sql.query("select source, from_node, kind, to_node, provenance from graph_edges", rs -> {
        parts.apply(rs.getString("source")).edges.add(new Edge(NodeId.parse(rs.getString("from_node")),
            EdgeKind.fromWire(rs.getString("kind")), NodeId.parse(rs.getString("to_node")),
            cache.of(rs.getString("provenance")), false));
        return null;
      });
      sql.query("select source, service, deployed_at, environment, version, provenance from graph_deploys", rs -> {
        parts.apply(rs.getString("source")).deploys.add(new Deploy(NodeId.parse(rs.getString("service")),
            Sql.instant(rs, "deployed_at"), rs.getString("environment"), rs.getString("version"),
            cache.of(rs.getString("provenance")).get(0)));
        return null;
      });
      Map<String, List<Object[]>> packed = new LinkedHashMap<>();
      sql.query("select source, service, deploys from graph_deploy_history", rs -> {
        readDeployHistory(NodeId.parse(rs.getString("service")), rs.getString("deploys"),
            packed.computeIfAbsent(rs.getString("source"), k -> new ArrayList<>()));
        return null;
      });
      packed.forEach((source, list) -> {
        list.sort(java.util.Comparator.comparingLong(a -> (Long) a[0]));
        List<Deploy> into = parts.apply(source).deploys;
        list.forEach(a -> into.add((Deploy) a[1]));
      });
      sql.query("select source, alert, from_at, to_at, fired, acted_on, flaps, provenance from graph_alert_history", rs -> {
        int actedOn = rs.getInt("acted_on");
        OptionalInt acted = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(actedOn);
        parts.apply(rs.getString("source")).alerts.add(new AlertHistory(rs.getString("alert"),
            Sql.instant(rs, "from_at"), Sql.instant(rs, "to_at"), rs.getInt("fired"), acted,
            rs.getInt("flaps"), cache.of(rs.getString("provenance")).get(0)));
        return null;
      });
      sql.query("select source, position, pattern, owners, provenance from graph_ownership order by source, position", rs -> {
        List<NodeId> owners = Json.readList(rs.getString("owners")).stream().map(o -> NodeId.parse((String) o)).toList();
        parts.apply(rs.getString("source")).ownership.add(new OwnershipRule(rs.getString("pattern"), owners,
            rs.getInt("position"), cache.of(rs.getString("provenance")).get(0)));
        return null;
      });
      sql.query("select source, location, message from graph_problems", rs -> {
        parts.apply(rs.getString("source")).problems.add(
            new SourceProblem(rs.getString("source"), rs.getString("location"), rs.getString("message")));
        return null;
      });
      List<GraphContribution> contributions = new ArrayList<>();
      bySource.forEach((source, p) -> contributions.add(new GraphContribution(source, p.readAt, p.nodes, p.edges,
          p.deploys, p.alerts, p.ownership, p.problems)));
      return Optional.of(new GraphState(savedAt.get(), contributions, unreported.nodes, unreported.edges));
    });
  }

  private static Object[] nodeRow(String source, Node n) {
    return new Object[] {source, n.id().toString(), Json.write(n.attributes()), provenanceJson(n.provenance())};
  }

  private static Object[] edgeRow(String source, Edge e) {
    return new Object[] {source, e.from().toString(), e.kind().wire(), e.to().toString(), provenanceJson(e.provenance())};
  }

  /**
   * Provenance as JSON, written once per distinct value: a source gives its million deploys a handful
   * of provenances, and writing each row's anew was a large part of a first save.
   */
  private static final class ProvenanceJson {
    private final Map<Provenance, String> written = new java.util.HashMap<>();

    String of(Provenance p) {
      return written.computeIfAbsent(p, one -> provenanceJson(List.of(one)));
    }
  }

  /** Parsed provenance lists by their JSON text, for one load: most rows share a few. */
  private static final class ProvenanceCache {
    private final Map<String, List<Provenance>> read = new java.util.HashMap<>();

    List<Provenance> of(String json) {
      return read.computeIfAbsent(json, JdbcGraphStore::provenance);
    }
  }

  /**
   * One row per service of a source's deploys: {@code {"provenance": [...], "deploys": [[position,
   * epochSecond, nano, environment, version, provenanceIndex], ...]}}. A million deploys as a million
   * rows made a first save take minutes; they are only ever read back whole (queries run in memory),
   * so they are packed per service, in their contribution order ({@code position}).
   */
  private static List<Object[]> deployHistoryRows(GraphContribution c) {
    Map<NodeId, List<Object>> byService = new LinkedHashMap<>();
    Map<NodeId, Map<Provenance, Integer>> provenanceByService = new java.util.HashMap<>();
    long position = 0;
    for (Deploy d : c.deploys()) {
      Map<Provenance, Integer> index = provenanceByService.computeIfAbsent(d.service(), k -> new LinkedHashMap<>());
      Integer p = index.computeIfAbsent(d.provenance(), k -> index.size());
      byService.computeIfAbsent(d.service(), k -> new ArrayList<>()).add(List.of(position++, d.at().getEpochSecond(),
          d.at().getNano(), d.environment(), d.version(), p));
    }
    List<Object[]> rows = new ArrayList<>(byService.size());
    byService.forEach((service, list) -> {
      Map<String, Object> packed = new LinkedHashMap<>();
      packed.put("provenance", provenanceMaps(List.copyOf(provenanceByService.get(service).keySet())));
      packed.put("deploys", list);
      rows.add(new Object[] {c.source(), service.toString(), Json.write(packed)});
    });
    return rows;
  }

  /** Adds {@code [position, deploy]} pairs of one packed row to {@code into}. */
  private static void readDeployHistory(NodeId service, String json, List<Object[]> into) {
    Map<String, Object> packed = Json.readMap(json);
    List<Provenance> provenance = provenance((List<?>) packed.get("provenance"));
    for (Object item : (List<?>) packed.get("deploys")) {
      List<?> d = (List<?>) item;
      Instant at = Instant.ofEpochSecond(((Number) d.get(1)).longValue(), ((Number) d.get(2)).longValue());
      into.add(new Object[] {((Number) d.get(0)).longValue(), new Deploy(service, at, (String) d.get(3),
          (String) d.get(4), provenance.get(((Number) d.get(5)).intValue()))});
    }
  }

  private static String provenanceJson(List<Provenance> provenance) {
    return Json.write(provenanceMaps(provenance));
  }

  private static List<Map<String, Object>> provenanceMaps(List<Provenance> provenance) {
    List<Map<String, Object>> list = new ArrayList<>(provenance.size());
    for (Provenance p : provenance) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", p.source());
      m.put("evidence", p.evidence().name());
      m.put("observedAt", p.observedAt().toString());
      m.put("confidence", p.confidence());
      m.put("detail", p.detail());
      list.add(m);
    }
    return list;
  }

  private static List<Provenance> provenance(String json) {
    return provenance(Json.readList(json));
  }

  private static List<Provenance> provenance(List<?> maps) {
    List<Provenance> list = new ArrayList<>();
    for (Object item : maps) {
      Map<?, ?> m = (Map<?, ?>) item;
      list.add(new Provenance((String) m.get("source"), Provenance.Evidence.valueOf((String) m.get("evidence")),
          Instant.parse((String) m.get("observedAt")), ((Number) m.get("confidence")).doubleValue(),
          (String) m.get("detail")));
    }
    return list;
  }

  private static Map<String, String> stringMap(String json) {
    Map<String, String> map = new LinkedHashMap<>();
    Json.readMap(json).forEach((k, v) -> map.put(k, String.valueOf(v)));
    return map;
  }

  /** One source's rows while loading. */
  private static final class Parts {
    final Instant readAt;
    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final List<Deploy> deploys = new ArrayList<>();
    final List<AlertHistory> alerts = new ArrayList<>();
    final List<OwnershipRule> ownership = new ArrayList<>();
    final List<SourceProblem> problems = new ArrayList<>();

    Parts(Instant readAt) {
      this.readAt = readAt;
    }
  }
}
