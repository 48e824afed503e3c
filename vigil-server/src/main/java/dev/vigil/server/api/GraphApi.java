package dev.vigil.server.api;

import dev.vigil.core.graph.AlertNoise;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.ContextGraph.Direction;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.graph.GraphFact;
import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.GraphFactStore;
import dev.vigil.graph.GraphExport;
import dev.vigil.graph.GraphSnapshot;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.graph.baseline.BaselineLearner;
import dev.vigil.graph.people.PeopleSource;
import dev.vigil.server.web.Bodies;
import dev.vigil.server.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The context graph, read-only except for a refresh on demand and the facts people tell it. Every answer comes from one snapshot and
 * carries the provenance that explains it. Node ids are written {@code kind:name}.
 */
@RestController
@RequestMapping("/api/v1/graph")
@Tag(name = "graph")
public class GraphApi {
  static final int MAX_HOPS = 10;
  static final List<String> FACT_FIELDS = List.of("subject", "relation", "object", "note", "author");
  private final LiveContextGraph graph;
  private final Clock clock;
  private final GraphFactStore facts;
  private final AuditLog audit;

  public GraphApi(LiveContextGraph graph, Clock clock, GraphFactStore facts, AuditLog audit) {
    this.graph = graph;
    this.clock = clock;
    this.facts = facts;
    this.audit = audit;
  }

  @GetMapping("/nodes")
  @Operation(summary = "Nodes, optionally of one kind (service, api, resource, team, person, ...) and by staleness")
  public Map<String, Object> nodes(@RequestParam(required = false) String kind,
      @RequestParam(required = false) Boolean stale) {
    GraphSnapshot snapshot = graph.snapshot();
    List<Node> nodes = kind == null ? snapshot.allNodes() : snapshot.nodes(NodeKind.fromWire(kind));
    return Views.page("nodes", nodes.stream().filter(n -> stale == null || n.stale() == stale)
        .map(GraphExport::node).toList());
  }

  @GetMapping("/node")
  @Operation(summary = "One node by id (kind:name) with its edges in both directions")
  public Map<String, Object> node(@RequestParam String id) {
    GraphSnapshot snapshot = graph.snapshot();
    NodeId nodeId = NodeId.parse(id);
    Node node = snapshot.node(nodeId).orElseThrow(() -> ApiException.notFound("node '" + id + "'"));
    Map<String, Object> m = new LinkedHashMap<>(GraphExport.node(node));
    m.put("edgesOut", snapshot.edgesFrom(nodeId).stream().map(GraphExport::edge).toList());
    m.put("edgesIn", snapshot.edgesTo(nodeId).stream().map(GraphExport::edge).toList());
    return m;
  }

  @GetMapping("/services/{name}")
  @Operation(summary = "A service with its owners and its dependencies and dependents within `hops` (1-10, default 1)")
  public Map<String, Object> service(@PathVariable String name, @RequestParam(defaultValue = "1") int hops) {
    GraphSnapshot snapshot = graph.snapshot();
    NodeId id = service(snapshot, name);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", GraphExport.node(snapshot.node(id).orElseThrow()));
    m.put("owners", snapshot.owners(id).stream().map(GraphExport::owner).toList());
    m.put("dependencies", reached(snapshot, id, Direction.DEPENDENCIES, hops(hops)));
    m.put("dependents", reached(snapshot, id, Direction.DEPENDENTS, hops(hops)));
    m.put("edgesOut", snapshot.edgesFrom(id).stream().map(GraphExport::edge).toList());
    m.put("edgesIn", snapshot.edgesTo(id).stream().map(GraphExport::edge).toList());
    return m;
  }

  @GetMapping("/services/{name}/owners")
  @Operation(summary = "Owners (catalog), codeowners of its paths and who is on call, each with provenance")
  public Map<String, Object> owners(@PathVariable String name) {
    GraphSnapshot snapshot = graph.snapshot();
    return Views.page("owners", snapshot.owners(service(snapshot, name)).stream().map(GraphExport::owner).toList());
  }

  @GetMapping("/services/{name}/changes")
  @Operation(summary = "Deploys of the service and its neighbours within `hops` (default 1) between `from` and `to`"
      + " (ISO instants; default the last 24 hours), newest first")
  public Map<String, Object> changes(@PathVariable String name, @RequestParam(defaultValue = "1") int hops,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    GraphSnapshot snapshot = graph.snapshot();
    Instant end = to == null ? clock.instant() : instant(to, "to");
    Instant start = from == null ? end.minus(Duration.ofHours(24)) : instant(from, "from");
    if (end.isBefore(start)) {
      throw ApiException.badRequest("from " + start + " is after to " + end);
    }
    int maxHops = hops == 0 ? 0 : hops(hops);
    return Views.page("deploys", snapshot.recentChanges(service(snapshot, name), maxHops, start, end).stream()
        .map(GraphExport::deploy).toList());
  }

  @GetMapping("/service-for-path")
  @Operation(summary = "The service a repository path belongs to (longest declared prefix) and the path's codeowners")
  public Map<String, Object> serviceForPath(@RequestParam String path) {
    if (path.isBlank()) {
      throw ApiException.badRequest("path must not be empty");
    }
    GraphSnapshot snapshot = graph.snapshot();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("service", snapshot.serviceForPath(path).map(NodeId::toString).orElse(null));
    m.put("codeowners", snapshot.ownersOfPath(path).stream().map(GraphExport::owner).toList());
    return m;
  }

  @GetMapping("/edge")
  @Operation(summary = "Explain an edge: every source that reported it, declared or observed, when and where")
  public Map<String, Object> edge(@RequestParam String from, @RequestParam String kind, @RequestParam String to) {
    Edge.Key key = new Edge.Key(NodeId.parse(from), EdgeKind.fromWire(kind), NodeId.parse(to));
    Edge edge = graph.snapshot().edge(key).orElseThrow(() -> ApiException.notFound("edge '" + key + "'"));
    Map<String, Object> m = new LinkedHashMap<>(GraphExport.edge(edge));
    m.put("explanation", GraphExport.explain(edge, clock.instant()));
    return m;
  }

  @GetMapping("/alerts/{name}")
  @Operation(summary = "An alert's runbook and whether it is noise (fire count, acted-on ratio, flap rate)")
  public Map<String, Object> alert(@PathVariable String name) {
    GraphSnapshot snapshot = graph.snapshot();
    AlertNoise noise = snapshot.noise(name);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alert", name);
    m.put("runbook", snapshot.runbookFor(name).map(NodeId::name).orElse(null));
    m.put("verdict", noise.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    m.put("fired", noise.fired());
    m.put("actedOnRatio", noise.actedOnRatio().isPresent() ? noise.actedOnRatio().getAsDouble() : null);
    m.put("flapRate", noise.flapRate());
    m.put("reason", noise.reason());
    return m;
  }

  @GetMapping("/sources")
  @Operation(summary = "Configured sources: last good read, current failure, what each contributed")
  public Map<String, Object> sources() {
    return Views.page("sources", graph.sourceStatus().stream().map(st -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", st.name());
      m.put("lastGoodRead", st.lastGoodRead().map(Instant::toString).orElse(null));
      m.put("failing", st.failing().orElse(null));
      m.put("nodes", st.nodes());
      m.put("edges", st.edges());
      m.put("problems", st.problems());
      return m;
    }).toList());
  }

  @GetMapping("/problems")
  @Operation(summary = "What sources could not read, and declared-vs-observed dependency conflicts")
  public Map<String, Object> problems() {
    Map<String, Object> export = GraphExport.json(graph.snapshot());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("problems", export.get("problems"));
    m.put("conflicts", export.get("conflicts"));
    return m;
  }

  @GetMapping("/export")
  @Operation(summary = "The whole graph with provenance: format=json (default) or dot (Graphviz)")
  public ResponseEntity<?> export(@RequestParam(defaultValue = "json") String format) {
    GraphSnapshot snapshot = graph.snapshot();
    return switch (format) {
      case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(GraphExport.json(snapshot));
      case "dot" -> ResponseEntity.ok().contentType(MediaType.parseMediaType("text/vnd.graphviz;charset=UTF-8"))
          .body(GraphExport.dot(snapshot));
      default -> throw ApiException.badRequest("format '" + format + "' is not supported (expected: json, dot)");
    };
  }

  @PostMapping("/refresh")
  @Operation(summary = "Read all sources now (or only `source`) and publish the new graph")
  public Map<String, Object> refresh(@RequestParam(required = false) String source) {
    LiveContextGraph.RefreshReport report = source == null ? graph.refresh() : graph.refreshSource(source);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", report.at().toString());
    m.put("sources", report.sources());
    m.put("failed", report.failed());
    m.put("nodes", report.nodes());
    m.put("edges", report.edges());
    m.put("tookMs", report.took().toMillis());
    return m;
  }

  @GetMapping("/services/{name}/baselines")
  @Operation(summary = "What normal looks like for each learned signal of the service at `at` (ISO instant, default"
      + " now): median, spread and the history it rests on, from the learned baselines (VIGIL_GRAPH_BASELINES)")
  public Map<String, Object> baselines(@PathVariable String name, @RequestParam(required = false) String at) {
    BaselineLearner learner = learner();
    NodeId id = NodeId.service(name);
    Instant when = at == null ? clock.instant() : instant(at, "at");
    List<Map<String, Object>> found = learner.signalNames().stream()
        .flatMap(signal -> graph.baseline(id, signal).stream()).map(b -> baselineView(b, when, false)).toList();
    return Views.page("baselines", found);
  }

  @GetMapping("/services/{name}/baselines/{signal}")
  @Operation(summary = "One learned baseline: normal at `at` (default now) and the whole week, hour by hour (UTC)")
  public Map<String, Object> baseline(@PathVariable String name, @PathVariable String signal,
      @RequestParam(required = false) String at) {
    learner();
    Instant when = at == null ? clock.instant() : instant(at, "at");
    LearnedBaseline b = graph.baseline(NodeId.service(name), signal).orElseThrow(() -> ApiException.notFound(
        "baseline of signal '" + signal + "' for service '" + name + "'"));
    return baselineView(b, when, true);
  }

  @PostMapping("/baselines/refresh")
  @Operation(summary = "Relearn every baseline now, for every service of the graph")
  public Map<String, Object> refreshBaselines() {
    BaselineLearner.Report report = learner().refresh(graph.nodes(NodeKind.SERVICE).stream().map(Node::id).toList());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", report.at().toString());
    m.put("learned", report.learned());
    m.put("withoutData", report.withoutData());
    m.put("failed", report.failed());
    m.put("tookMs", report.took().toMillis());
    return m;
  }

  private BaselineLearner learner() {
    return graph.baselines().orElseThrow(() -> ApiException.notFound("learned baselines (not configured: set"
        + " VIGIL_GRAPH_BASELINES, e.g. prom-main#prometheus-http+process)"));
  }

  private static Map<String, Object> baselineView(LearnedBaseline b, Instant at, boolean week) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", b.service().toString());
    m.put("signal", b.signal());
    m.put("at", at.toString());
    m.putAll(hourView(b.at(at)));
    m.put("query", b.query());
    m.put("learnedFrom", b.learnedFrom().toString());
    m.put("learnedTo", b.learnedTo().toString());
    m.put("points", b.points());
    m.put("step", b.step().toString());
    b.range().ifPresent(r -> m.put("range", Map.of("values", r.values(), "low", r.low(), "high", r.high(), "p10",
        r.p10(), "median", r.median(), "p90", r.p90())));
    // Whether a check judging on this baseline can run the anomaly check: the count, not the values.
    b.recent().ifPresent(v -> m.put("recentValues", Map.of("from", v.from().toString(), "count", v.size())));
    if (week) {
      m.put("week", b.hours().stream().map(GraphApi::hourView).toList());
    }
    return m;
  }

  private static Map<String, Object> hourView(LearnedBaseline.Hour h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hourOfWeek", h.hourOfWeek());
    m.put("median", h.median().isPresent() ? h.median().getAsDouble() : null);
    m.put("spread", Double.isNaN(h.spread()) ? null : h.spread());
    m.put("samples", h.samples());
    m.put("basis", h.basis().wire());
    return m;
  }

  @PostMapping(value = "/facts", consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml"})
  @Operation(summary = "Tell the graph a fact: {subject: \"service:checkout\", relation: \"depends-on\", object:"
      + " \"service:fraud-check\", note: \"why\", author: \"alice\"} states an edge; {subject, note} notes a node."
      + " Shown with source `people`; the author defaults to the calling token")
  public ResponseEntity<Map<String, Object>> addFact(@RequestBody String body,
      @RequestHeader(value = "Content-Type", required = false) String contentType, HttpServletRequest req) {
    Map<String, Object> object = Bodies.object(body, contentType == null ? "application/json" : contentType);
    Bodies.onlyFields(object, FACT_FIELDS);
    String subject = text(object, "subject");
    if (subject == null) {
      throw ApiException.badRequest("subject: required, a node id written kind:name, e.g. service:checkout");
    }
    String relation = text(object, "relation");
    String target = text(object, "object");
    String author = text(object, "author");
    GraphFact fact = new GraphFact(UUID.randomUUID().toString(), NodeId.parse(subject),
        Optional.ofNullable(relation).map(EdgeKind::fromWire), Optional.ofNullable(target).map(NodeId::parse),
        text(object, "note"), author == null ? AgentsApi.actor(req) : author, clock.instant());
    facts.add(fact);
    audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "graph:fact-add", fact.id(), "ok",
        Duration.ZERO));
    graph.refreshSource(PeopleSource.NAME);
    Map<String, Object> view = factView(fact);
    fact.edge().flatMap(key -> graph.snapshot().edge(key))
        .ifPresent(edge -> view.put("explanation", GraphExport.explain(edge, clock.instant())));
    return ResponseEntity.status(HttpStatus.CREATED).body(view);
  }

  @GetMapping("/facts")
  @Operation(summary = "The facts people told the graph, oldest first")
  public Map<String, Object> listFacts() {
    return Views.page("facts", facts.list().stream().map(GraphApi::factView).toList());
  }

  @DeleteMapping("/facts/{id}")
  @Operation(summary = "Withdraw a fact: it leaves the graph at once (a fact no other source states is gone, not stale)")
  public ResponseEntity<Void> deleteFact(@PathVariable String id, HttpServletRequest req) {
    if (!facts.delete(id)) {
      throw ApiException.notFound("fact '" + id + "'");
    }
    audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "graph:fact-delete", id, "ok",
        Duration.ZERO));
    graph.refreshSource(PeopleSource.NAME);
    return ResponseEntity.noContent().build();
  }

  private static Map<String, Object> factView(GraphFact fact) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", fact.id());
    m.put("subject", fact.subject().toString());
    m.put("relation", fact.relation().map(EdgeKind::wire).orElse(null));
    m.put("object", fact.object().map(NodeId::toString).orElse(null));
    m.put("note", fact.note());
    m.put("author", fact.author());
    m.put("toldAt", fact.toldAt().toString());
    return m;
  }

  /** A string field, null when absent or blank; any other type is a 400 naming the field. */
  private static String text(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw ApiException.badRequest(field + ": expected a string");
    }
    return text.isBlank() ? null : text.strip();
  }

  private static NodeId service(ContextGraph snapshot, String name) {
    NodeId id = NodeId.service(name);
    if (snapshot.node(id).isEmpty()) {
      throw ApiException.notFound("service '" + name + "'");
    }
    return id;
  }

  private static List<Map<String, Object>> reached(ContextGraph snapshot, NodeId id, Direction direction, int hops) {
    return snapshot.neighbours(id, direction, hops).stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.node().toString());
      m.put("hops", r.hops());
      return m;
    }).toList();
  }

  private static int hops(int hops) {
    if (hops < 1 || hops > MAX_HOPS) {
      throw ApiException.badRequest("hops must be between 1 and " + MAX_HOPS + ", was " + hops);
    }
    return hops;
  }

  private static Instant instant(String text, String name) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + " '" + text + "' is not an ISO instant, e.g. 2026-11-20T10:00:00Z");
    }
  }
}
