package dev.vigil.integrations.backstage;

import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.Node;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.Provenance;
import dev.vigil.core.graph.SourceFiles;
import dev.vigil.core.graph.SourceProblem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Backstage catalog files into the graph. Each YAML document of each file is one entity;
 * a document that is not valid YAML, or an entity without kind or name, is reported with its file and
 * line and skipped, and the other documents and files are still read. Documents that are not
 * Backstage entities ({@code apiVersion} not {@code backstage.io/...}) are ignored, so a folder may
 * hold other YAML; Location, Template and Domain-only kinds add nothing.
 *
 * <p>Besides relations, these annotations are read: {@code vigil.dev/runbook} and {@code
 * vigil.dev/dashboard} (URLs), {@code vigil.dev/paths} (comma-separated repository paths the
 * component is built from, {@code owner/repo:path} or {@code path}), {@code vigil.dev/on-call}
 * (comma-separated user references), {@code backstage.io/source-location} (a GitHub {@code /tree/}
 * URL becomes a repository path) and {@code grafana/dashboard-url}. Links whose title or icon says
 * runbook or dashboard count too.
 */
public final class BackstageCatalogSource implements GraphSource {
  /** Only {@code catalog-info.yaml} files, wherever they are: the Backstage convention. */
  public static final Predicate<String> CATALOG_INFO_FILES =
      path -> path.equals("catalog-info.yaml") || path.endsWith("/catalog-info.yaml");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("^---(\\s.*)?$");
  private static final Pattern GITHUB_TREE =
      Pattern.compile("^(?:url:)?https?://[^/]+/([^/]+/[^/]+?)(?:\\.git)?/(?:tree|blob)/[^/]+/?(.*)$");
  private static final Set<String> IGNORED_KINDS = Set.of("location", "template");

  private final String name;
  private final SourceFiles files;
  private final Predicate<String> wanted;
  /**
   * What each file said when it was last read, with placeholder times, by path. A refresh re-parses
   * only files whose text changed: with thousands of catalog files, parsing dominates a refresh
   * that a single edited file triggered.
   */
  private final Map<String, ParsedFile> parsed = new java.util.HashMap<>();

  private record ParsedFile(String text, Entities facts) {}

  /**
   * @param wanted which relative paths are catalog files, e.g. {@link #CATALOG_INFO_FILES}
   */
  public BackstageCatalogSource(String name, SourceFiles files, Predicate<String> wanted) {
    if (name == null || name.isBlank() || files == null || wanted == null) {
      throw new IllegalArgumentException("a Backstage catalog source needs a name, files and a file filter");
    }
    this.name = name;
    this.files = files;
    this.wanted = wanted;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GraphContribution read(Instant now) throws Unavailable {
    List<SourceFiles.SourceFile> catalog;
    try {
      catalog = files.read(wanted);
    } catch (IOException e) {
      throw new Unavailable("cannot read catalog files from " + files.origin() + ": " + e.getMessage(), e);
    }
    Entities entities = new Entities(name, now);
    Map<String, ParsedFile> seen = new java.util.HashMap<>();
    for (SourceFiles.SourceFile file : catalog) {
      ParsedFile cached = parsed.get(file.path());
      if (cached == null || !cached.text().equals(file.text())) {
        Entities facts = new Entities(name, Instant.EPOCH);
        readFile(file, facts);
        cached = new ParsedFile(file.text(), facts);
      }
      seen.put(file.path(), cached);
      cached.facts().nodes.values().forEach(n -> entities.node(new Node(n.id(), n.attributes(),
          List.of(at(n.provenance().get(0), now)), false)));
      cached.facts().edges.values().forEach(e -> entities.edge(new Edge(e.from(), e.kind(), e.to(),
          List.of(at(e.provenance().get(0), now)), false)));
      entities.problems.addAll(cached.facts().problems);
    }
    parsed.clear();
    parsed.putAll(seen);
    if (catalog.isEmpty()) {
      entities.problems.add(new SourceProblem(name, files.origin(), "no catalog files found"));
    }
    return new GraphContribution(name, now, List.copyOf(entities.nodes.values()),
        queuesByTheirKind(entities.nodes.values(), entities.edges.values()), List.of(), List.of(), List.of(),
        entities.problems);
  }

  /**
   * Backstage references a queue as what it is declared as, a Resource ({@code dependsOn:
   * resource:orders-queue}), while the graph makes a Resource of type queue a {@code queue} node: the
   * references follow, so the edge and the declared entity are one node (and match what traffic shows).
   */
  private static List<Edge> queuesByTheirKind(java.util.Collection<Node> nodes, java.util.Collection<Edge> edges) {
    Set<String> queues = new java.util.HashSet<>();
    nodes.stream().filter(n -> n.id().kind() == NodeKind.QUEUE).forEach(n -> queues.add(n.id().name()));
    if (queues.isEmpty()) {
      return List.copyOf(edges);
    }
    java.util.function.UnaryOperator<NodeId> asQueue = id -> id.kind() == NodeKind.RESOURCE && queues.contains(id.name())
        ? NodeId.of(NodeKind.QUEUE, id.name()) : id;
    return edges.stream().map(e -> new Edge(asQueue.apply(e.from()), e.kind(), asQueue.apply(e.to()), e.provenance(),
        e.stale())).toList();
  }

  private void readFile(SourceFiles.SourceFile file, Entities entities) {
    String[] lines = file.text().split("\r?\n", -1);
    int start = 0;
    for (int i = 0; i <= lines.length; i++) {
      if (i == lines.length || DOCUMENT_SEPARATOR.matcher(lines[i]).matches()) {
        if (i > start) {
          readDocument(file.path(), start, String.join("\n", java.util.Arrays.asList(lines).subList(start, i)), entities);
        }
        start = i + 1;
      }
    }
  }

  /** @param offset the 0-based line the document starts at in its file */
  private void readDocument(String path, int offset, String text, Entities entities) {
    if (text.isBlank() || text.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
      return;
    }
    int firstLine = offset + 1 + (int) text.lines().takeWhile(l -> l.isBlank() || l.stripLeading().startsWith("#")).count();
    String at = path + ":" + firstLine;
    JsonNode doc;
    try {
      doc = YAML.readTree(text);
    } catch (JacksonException e) {
      int line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? firstLine : offset + e.getLocation().getLineNr();
      entities.problems.add(new SourceProblem(name, path + ":" + line, "not valid YAML: " + yamlError(e)));
      return;
    }
    if (doc == null || doc.isMissingNode() || doc.isNull()) {
      return;
    }
    if (!doc.isObject()) {
      entities.problems.add(new SourceProblem(name, at, "a catalog document must be a mapping"));
      return;
    }
    String apiVersion = doc.path("apiVersion").asString("");
    if (!apiVersion.startsWith("backstage.io/")) {
      return;
    }
    String kind = doc.path("kind").asString("").toLowerCase(Locale.ROOT);
    String entityName = doc.path("metadata").path("name").asString("");
    if (kind.isEmpty() || entityName.isBlank()) {
      entities.problems.add(new SourceProblem(name, at, "entity needs kind and metadata.name"));
      return;
    }
    if (IGNORED_KINDS.contains(kind) || !EntityRef.knownKind(kind)) {
      if (!IGNORED_KINDS.contains(kind)) {
        entities.problems.add(new SourceProblem(name, at, "kind '" + doc.path("kind").asString()
            + "' is not read (read: Component, API, Resource, System, Domain, Group, User)"));
      }
      return;
    }
    try {
      readEntity(kind, doc, at, entities);
    } catch (IllegalArgumentException e) {
      entities.problems.add(new SourceProblem(name, at, e.getMessage()));
    }
  }

  private void readEntity(String kind, JsonNode doc, String at, Entities entities) {
    JsonNode metadata = doc.path("metadata");
    JsonNode spec = doc.path("spec");
    String namespace = metadata.path("namespace").asString(EntityRef.DEFAULT_NAMESPACE).toLowerCase(Locale.ROOT);
    NodeId self = EntityRef.parse(kind + ":" + namespace + "/" + metadata.path("name").asString(), null, null).nodeId();
    if (self.kind() == NodeKind.RESOURCE && Set.of("queue", "topic", "kafka-topic").contains(spec.path("type").asString(""))) {
      self = NodeId.of(NodeKind.QUEUE, self.name());
    }
    Provenance provenance = Provenance.declared(name, entities.now, at);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("backstage.kind", doc.path("kind").asString());
    putText(attributes, "title", metadata.path("title"));
    putText(attributes, "description", metadata.path("description"));
    putText(attributes, "type", spec.path("type"));
    putText(attributes, "lifecycle", spec.path("lifecycle"));
    putText(attributes, "displayName", spec.path("profile").path("displayName"));
    putText(attributes, "email", spec.path("profile").path("email"));
    entities.node(Node.of(self, attributes, provenance));

    relation(self, EdgeKind.OWNED_BY, spec.path("owner"), "group", namespace, provenance, entities);
    relation(self, EdgeKind.PART_OF, spec.path("system"), "system", namespace, provenance, entities);
    relation(self, EdgeKind.PART_OF, spec.path("domain"), "domain", namespace, provenance, entities);
    relation(self, EdgeKind.PART_OF, spec.path("parent"), "group", namespace, provenance, entities);
    relation(self, EdgeKind.PART_OF, spec.path("memberOf"), "group", namespace, provenance, entities);
    relation(self, EdgeKind.DEPENDS_ON, spec.path("dependsOn"), null, namespace, provenance, entities);
    relation(self, EdgeKind.PROVIDES_API, spec.path("providesApis"), "api", namespace, provenance, entities);
    relation(self, EdgeKind.CONSUMES_API, spec.path("consumesApis"), "api", namespace, provenance, entities);

    JsonNode annotations = metadata.path("annotations");
    document(self, NodeKind.RUNBOOK, annotations.path("vigil.dev/runbook").asString(""), provenance, entities);
    document(self, NodeKind.DASHBOARD, annotations.path("vigil.dev/dashboard").asString(""), provenance, entities);
    document(self, NodeKind.DASHBOARD, annotations.path("grafana/dashboard-url").asString(""), provenance, entities);
    for (JsonNode link : metadata.path("links")) {
      String label = (link.path("title").asString("") + " " + link.path("icon").asString("")).toLowerCase(Locale.ROOT);
      String url = link.path("url").asString("");
      if (label.contains("runbook")) {
        document(self, NodeKind.RUNBOOK, url, provenance, entities);
      } else if (label.contains("dashboard")) {
        document(self, NodeKind.DASHBOARD, url, provenance, entities);
      }
    }
    for (String path : commaList(annotations.path("vigil.dev/paths").asString(""))) {
      entities.edge(Edge.of(self, EdgeKind.DEPLOYED_FROM, NodeId.of(NodeKind.REPOSITORY_PATH, path), provenance));
    }
    Matcher tree = GITHUB_TREE.matcher(annotations.path("backstage.io/source-location").asString(""));
    if (tree.matches()) {
      String path = tree.group(2).replaceAll("/+$", "");
      entities.edge(Edge.of(self, EdgeKind.DEPLOYED_FROM,
          NodeId.of(NodeKind.REPOSITORY_PATH, tree.group(1).toLowerCase(Locale.ROOT) + ":" + path), provenance));
    }
    for (String person : commaList(annotations.path("vigil.dev/on-call").asString(""))) {
      NodeId who = EntityRef.parse(person, "user", namespace).nodeId();
      entities.edge(Edge.of(who, EdgeKind.ON_CALL_FOR, self, provenance));
    }
  }

  private static Provenance at(Provenance p, Instant now) {
    return new Provenance(p.source(), p.evidence(), now, p.confidence(), p.detail());
  }

  /** The parser's message without its document-relative positions (the location says where) or a quoted excerpt. */
  private static String yamlError(JacksonException e) {
    // The parser's lines that start in column 0 say what is wrong; indented ones give positions
    // within the document and a quoted excerpt.
    String message = String.valueOf(e.getOriginalMessage()).lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .collect(java.util.stream.Collectors.joining("; "));
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }

  private static void putText(Map<String, String> attributes, String key, JsonNode value) {
    if (value.isValueNode() && !value.asString("").isBlank()) {
      attributes.put(key, value.asString().strip());
    }
  }

  private static List<String> commaList(String text) {
    List<String> items = new ArrayList<>();
    for (String item : text.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  private static void relation(NodeId self, EdgeKind kind, JsonNode value, String defaultKind, String namespace,
      Provenance provenance, Entities entities) {
    List<JsonNode> refs = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(refs::add);
    } else if (!value.isMissingNode() && !value.isNull()) {
      refs.add(value);
    }
    for (JsonNode ref : refs) {
      if (!ref.isString()) {
        throw new IllegalArgumentException(kind.wire() + " reference must be a string, was " + ref);
      }
      NodeId target = EntityRef.parse(ref.asString(), defaultKind, namespace).nodeId();
      entities.edge(Edge.of(self, kind, target, provenance));
    }
  }

  private static void document(NodeId self, NodeKind kind, String url, Provenance provenance, Entities entities) {
    if (url.isBlank()) {
      return;
    }
    NodeId doc = NodeId.of(kind, url.strip());
    entities.node(Node.of(doc, Map.of("url", url.strip()), provenance));
    entities.edge(Edge.of(self, EdgeKind.DOCUMENTED_BY, doc, provenance));
  }

  /** What one read found, deduplicated: the first declaration of an entity wins, later ones are reported. */
  private static final class Entities {
    final String source;
    final Instant now;
    final Map<NodeId, Node> nodes = new LinkedHashMap<>();
    final Map<Edge.Key, Edge> edges = new LinkedHashMap<>();
    final List<SourceProblem> problems = new ArrayList<>();

    Entities(String source, Instant now) {
      this.source = source;
      this.now = now;
    }

    void node(Node node) {
      Node first = nodes.putIfAbsent(node.id(), node);
      if (first != null && node.id().kind() != NodeKind.RUNBOOK && node.id().kind() != NodeKind.DASHBOARD) {
        problems.add(new SourceProblem(source, node.provenance().get(0).detail(), "entity " + node.id()
            + " is declared again; the first declaration at " + first.provenance().get(0).detail() + " is used"));
      }
    }

    void edge(Edge edge) {
      edges.putIfAbsent(edge.key(), edge);
    }
  }
}
