package dev.vigil.integrations.backstage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vigil.core.graph.ContextGraph.Direction;
import dev.vigil.core.graph.ContextGraph.Reached;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.SourceProblem;
import dev.vigil.graph.FolderFiles;
import dev.vigil.graph.GraphSnapshot;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.integrations.testing.BenchPayloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackstageCatalogSourceTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  static Path examples() {
    return BenchPayloads.benchData().resolve("payloads/backstage/packages/catalog-model/examples");
  }

  static GraphContribution read(Path folder, java.util.function.Predicate<String> wanted) throws GraphSource.Unavailable {
    return new BackstageCatalogSource("catalog", new FolderFiles(folder), wanted).read(T);
  }

  static GraphSnapshot graph(GraphContribution c) {
    return GraphSnapshot.of(T, NoisePolicy.DEFAULT, c.nodes(), c.edges(), List.of(), List.of(), List.of(), c.problems());
  }

  static NodeId id(String text) {
    return NodeId.parse(text);
  }

  @Test
  void backstages_example_catalog_becomes_services_apis_resources_teams_people_and_their_relations() throws Exception {
    GraphContribution c = read(examples(), p -> p.endsWith(".yaml"));
    assertThat(c.problems()).isEmpty();
    GraphSnapshot graph = graph(c);
    assertThat(graph.nodes(NodeKind.SERVICE)).extracting(n -> n.id().name())
        .containsExactly("artist-lookup", "petstore", "wayback-archive", "wayback-search");
    assertThat(graph.edgesFrom(id("service:artist-lookup"))).extracting(Edge::kind, Edge::to).contains(
        tuple(EdgeKind.DEPENDS_ON, id("resource:artists-db")),
        tuple(EdgeKind.OWNED_BY, id("team:team-a")),
        tuple(EdgeKind.PART_OF, id("system:artist-engagement-portal")),
        tuple(EdgeKind.DOCUMENTED_BY, id("dashboard:https://example.com/dashboard")));
    assertThat(graph.edgesFrom(id("service:petstore"))).extracting(Edge::kind, Edge::to).containsExactlyInAnyOrder(
        tuple(EdgeKind.OWNED_BY, id("team:sre")),
        tuple(EdgeKind.PROVIDES_API, id("api:petstore")),
        tuple(EdgeKind.PROVIDES_API, id("api:streetlights")),
        tuple(EdgeKind.PROVIDES_API, id("api:playback-order")),
        tuple(EdgeKind.CONSUMES_API, id("api:searcher")));
    // owner user:team-b names a person; the users of team-a are part of it, across namespaces.
    assertThat(graph.edgesFrom(id("system:podcast"))).extracting(Edge::kind, Edge::to)
        .contains(tuple(EdgeKind.OWNED_BY, id("person:team-b")), tuple(EdgeKind.PART_OF, id("system:playback")));
    assertThat(graph.edgesTo(id("team:team-a")).stream().filter(e -> e.kind() == EdgeKind.PART_OF).map(Edge::from))
        .contains(id("person:breanna.davison"), id("person:guest"), id("person:development/guest"));
    assertThat(graph.node(id("person:janelle.dawe")).orElseThrow().attributes())
        .containsEntry("displayName", "Janelle Dawe").containsEntry("email", "janelle-dawe@example.com");
    assertThat(graph.node(id("resource:artists-db")).orElseThrow().attributes()).containsEntry("type", "database");
  }

  @Test
  void a_dependency_on_a_resource_of_type_queue_points_at_the_queue_node(@TempDir Path folder) throws Exception {
    java.nio.file.Files.writeString(folder.resolve("catalog-info.yaml"), """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: checkout
        spec:
          type: service
          owner: group:payments
          dependsOn: [resource:orders-queue, resource:orders-db]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Resource
        metadata:
          name: orders-queue
        spec:
          type: queue
          owner: group:platform
        """);
    GraphSnapshot graph = graph(read(folder, BackstageCatalogSource.CATALOG_INFO_FILES));
    assertThat(graph.edgesFrom(id("service:checkout"))).filteredOn(e -> e.kind() == EdgeKind.DEPENDS_ON)
        .extracting(Edge::to).containsExactly(id("resource:orders-db"), id("queue:orders-queue"));
    assertThat(graph.node(id("resource:orders-queue"))).isEmpty();
  }

  @Test
  void a_consumed_api_leads_to_the_service_that_provides_it_and_provenance_names_file_and_line() throws Exception {
    GraphSnapshot graph = graph(read(examples(), p -> p.endsWith(".yaml")));
    assertThat(graph.neighbours(id("service:wayback-search"), Direction.DEPENDENCIES, 2))
        .containsExactly(new Reached(id("service:wayback-archive"), 1));
    assertThat(graph.owners(id("service:wayback-search"))).extracting(o -> o.who(), o -> o.role())
        .containsExactly(tuple(id("team:team-a"), "owner"));
    Edge edge = graph.edge(new Edge.Key(id("person:nigel.manning"), EdgeKind.PART_OF, id("team:team-a"))).orElseThrow();
    assertThat(edge.provenance()).singleElement().satisfies(p -> {
      assertThat(p.source()).isEqualTo("catalog");
      assertThat(p.detail()).isEqualTo("acme/team-a-group.yaml:37");
      assertThat(p.observedAt()).isEqualTo(T);
    });
  }

  @Test
  void the_demo_repositorys_catalog_info_yaml_is_found_by_the_default_filter() throws Exception {
    Path demo = BenchPayloads.benchData().resolve("payloads/backstage/backstage-demo");
    GraphContribution c = read(demo, BackstageCatalogSource.CATALOG_INFO_FILES);
    assertThat(c.problems()).isEmpty();
    GraphSnapshot graph = graph(c);
    assertThat(graph.edgesFrom(id("service:backstage-demo"))).extracting(Edge::kind, Edge::to).containsExactlyInAnyOrder(
        tuple(EdgeKind.OWNED_BY, id("team:backstage/maintainers")),
        tuple(EdgeKind.CONSUMES_API, id("api:demo-graphql")));
    // examples/mcp-server-api.yaml is not a catalog-info.yaml file.
    assertThat(graph.nodes(NodeKind.API)).extracting(n -> n.id().name()).containsExactly("demo-graphql");
  }

  @Test
  void malformed_yaml_is_reported_with_file_and_line_and_the_other_documents_and_files_are_read(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("services/payments"));
    Files.writeString(dir.resolve("services/payments/catalog-info.yaml"), """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments
          annotations:
            vigil.dev/runbook: https://runbooks.example/payments
            vigil.dev/paths: services/payments, acme/shop:libs/money
            vigil.dev/on-call: alice
            backstage.io/source-location: url:https://github.com/Acme/shop/tree/main/services/payments/
        spec:
          owner: payments-team
          dependsOn: [component:ledger, resource:payments-db]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: broken
          description: [unclosed
        spec:
          owner: nobody
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: ledger
        spec:
          dependsOn: [ledger-db]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Widget
        metadata:
          name: gadget
        """);
    Files.writeString(dir.resolve("catalog-info.yaml"), """
        apiVersion: backstage.io/v1alpha1
        kind: Resource
        metadata:
          name: payments-events
        spec:
          type: queue
        """);
    Files.writeString(dir.resolve("services/payments/deployment.yaml"), "this: [is: not read");
    GraphContribution c = read(dir, BackstageCatalogSource.CATALOG_INFO_FILES);
    // The parser notices the unclosed sequence on the line after it.
    assertThat(c.problems()).extracting(SourceProblem::location).containsExactly(
        "services/payments/catalog-info.yaml:19", "services/payments/catalog-info.yaml:22",
        "services/payments/catalog-info.yaml:29");
    assertThat(c.problems().get(0).message()).startsWith("not valid YAML: ").contains("flow sequence")
        .doesNotContain("reader");
    assertThat(c.problems().get(1).message()).contains("'ledger-db' needs a kind here, e.g. component:ledger-db");
    assertThat(c.problems().get(2).message()).contains("kind 'Widget' is not read");
    GraphSnapshot graph = graph(c);
    assertThat(graph.node(id("queue:payments-events"))).isPresent();
    assertThat(graph.node(id("service:broken"))).isEmpty();
    assertThat(graph.serviceForPath("services/payments/src/Pay.java")).contains(id("service:payments"));
    assertThat(graph.serviceForPath("acme/shop:libs/money/Money.java")).contains(id("service:payments"));
    assertThat(graph.serviceForPath("acme/shop:services/payments/pom.xml")).contains(id("service:payments"));
    assertThat(graph.runbookFor("anything")).isEmpty();
    assertThat(graph.edgesFrom(id("service:payments"))).extracting(Edge::kind, Edge::to)
        .contains(tuple(EdgeKind.DOCUMENTED_BY, id("runbook:https://runbooks.example/payments")));
    assertThat(graph.owners(id("service:payments"))).extracting(o -> o.who(), o -> o.role())
        .containsExactly(tuple(id("team:payments-team"), "owner"), tuple(id("person:alice"), "on-call"));
  }

  @Test
  void a_second_read_sees_changed_and_removed_files_and_stamps_unchanged_ones_with_the_new_time(@TempDir Path dir)
      throws Exception {
    String component = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: %s\nspec:\n  owner: %s\n";
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("a/catalog-info.yaml"), component.formatted("alpha", "team-1"));
    Files.writeString(dir.resolve("b/catalog-info.yaml"), component.formatted("beta", "team-1"));
    BackstageCatalogSource source = new BackstageCatalogSource("catalog", new FolderFiles(dir),
        BackstageCatalogSource.CATALOG_INFO_FILES);
    source.read(T);
    Files.writeString(dir.resolve("a/catalog-info.yaml"), component.formatted("alpha", "team-2"));
    Files.delete(dir.resolve("b/catalog-info.yaml"));
    Instant later = T.plusSeconds(60);
    GraphSnapshot graph = graph(source.read(later));
    assertThat(graph.nodes(NodeKind.SERVICE)).extracting(n -> n.id().name()).containsExactly("alpha");
    assertThat(graph.edgesFrom(id("service:alpha"))).extracting(Edge::to).containsExactly(id("team:team-2"));
    Files.createDirectories(dir.resolve("c"));
    Files.writeString(dir.resolve("c/catalog-info.yaml"), component.formatted("gamma", "team-3"));
    Instant latest = later.plusSeconds(60);
    GraphContribution third = source.read(latest);
    assertThat(third.nodes()).extracting(n -> n.id().name()).containsExactly("alpha", "gamma");
    assertThat(third.nodes()).allSatisfy(n -> assertThat(n.provenance().get(0).observedAt()).isEqualTo(latest));
    assertThat(third.edges()).allSatisfy(e -> assertThat(e.provenance().get(0).observedAt()).isEqualTo(latest));
    assertThat(third.nodes().get(0).provenance().get(0).detail()).isEqualTo("a/catalog-info.yaml:1");
  }

  @Test
  void a_missing_folder_makes_the_source_unavailable(@TempDir Path dir) {
    assertThatThrownBy(() -> read(dir.resolve("gone"), BackstageCatalogSource.CATALOG_INFO_FILES))
        .isInstanceOf(GraphSource.Unavailable.class).hasMessageContaining("cannot read catalog files from");
  }

  @Test
  void entity_references_default_kind_and_namespace_by_where_they_are_written() {
    assertThat(EntityRef.parse("team-a", "group", "default").nodeId()).isEqualTo(id("team:team-a"));
    assertThat(EntityRef.parse("user:default/Alice", "group", "default").nodeId()).isEqualTo(id("person:alice"));
    assertThat(EntityRef.parse("group:ops/sre", null, "default").nodeId()).isEqualTo(id("team:ops/sre"));
    assertThat(EntityRef.parse("payments-api", "api", "shop").nodeId()).isEqualTo(id("api:shop/payments-api"));
    assertThatThrownBy(() -> EntityRef.parse("location:x", null, "default")).hasMessageContaining("kind 'location'");
    assertThatThrownBy(() -> EntityRef.parse("a/b/c", "group", "default")).hasMessageContaining("[kind:][namespace/]name");
  }
}
