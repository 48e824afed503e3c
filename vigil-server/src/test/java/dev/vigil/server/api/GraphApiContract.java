package dev.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.core.graph.NodeId;
import dev.vigil.graph.LiveContextGraph;
import dev.vigil.store.Database;
import dev.vigil.store.JdbcBaselineStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The graph API on a real server whose graph is read from a shop catalog written here, a CODEOWNERS
 * file, Backstage's own example catalog from the shared bench data, and two integration-based sources
 * whose integrations do not exist. Subclasses choose the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class GraphApiContract {
  static final String TOKEN = ApiContract.TOKEN;
  static final JsonMapper JSON = JsonMapper.builder().build();
  static Path shop;

  static final String SHOP_CATALOG = """
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: checkout
        annotations:
          vigil.dev/paths: services/checkout
          vigil.dev/runbook: https://runbooks.example/checkout
      spec:
        owner: checkout-team
        dependsOn: [component:payments]
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: payments
        annotations:
          vigil.dev/paths: services/payments
          vigil.dev/on-call: alice
      spec:
        owner: payments-team
        dependsOn: [resource:payments-db]
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: web
      spec:
        owner: web-team
        dependsOn: [component:checkout]
      """;

  @LocalServerPort
  int port;

  @Autowired
  Database database;

  @Autowired
  LiveContextGraph contextGraph;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The graph's sources; the caller adds the database and the common settings (token, data folder). */
  static void graphProperties(DynamicPropertyRegistry registry) throws IOException {
    Path data = Files.createTempDirectory("vigil-graph-it-");
    shop = data.resolve("shop");
    Files.createDirectories(shop.resolve("services/checkout"));
    Files.createDirectories(shop.resolve(".github"));
    Files.writeString(shop.resolve("services/checkout/catalog-info.yaml"), SHOP_CATALOG);
    Files.writeString(shop.resolve("services/broken-catalog-info.yaml"), "kind: [oops\n");
    Files.createDirectories(shop.resolve("services/broken"));
    Files.writeString(shop.resolve("services/broken/catalog-info.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: [oops\n");
    Files.writeString(shop.resolve(".github/CODEOWNERS"), "* @acme/platform\n/services/payments/ @acme/payments\n");
    String bench = System.getenv("VIGIL_BENCH_DATA");
    Path examples = Path.of(bench == null ? "../../shared/bench" : bench)
        .resolve("payloads/backstage/packages/catalog-model/examples");
    List<String> sources = new ArrayList<>(List.of("shop=backstage:" + shop, "shop-owners=codeowners:" + shop,
        "traffic=servicegraph:no-such-prom#1h", "cluster=kubernetes:no-such-k8s#payments",
        "deploys=deploy-events:1000"));
    if (Files.isDirectory(examples)) {
      sources.add("examples=backstage-yaml:" + examples.toAbsolutePath());
    }
    registry.add("VIGIL_GRAPH_SOURCES", () -> String.join(",", sources));
    registry.add("VIGIL_GRAPH_BASELINES", () -> "no-such-prom#prometheus-http+process");
  }

  record Resp(int status, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Resp send(String method, String path, boolean withToken) {
    return send(method, path, withToken, null);
  }

  Resp send(String method, String path, boolean withToken, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (withToken) {
      b.header("Authorization", "Bearer " + TOKEN);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The graph is read on a background thread after start; a refresh on demand makes the test independent of it. */
  Resp get(String path) {
    return send("GET", path, true);
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  void refreshed() {
    Resp r = send("POST", "/api/v1/graph/refresh", true);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void a_service_answers_with_owners_on_call_and_neighbours_within_the_hops_asked() {
    refreshed();
    Resp r = get("/api/v1/graph/services/checkout?hops=2");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.at("/service/id").asString()).isEqualTo("service:checkout");
    assertThat(body.at("/dependencies/0/id").asString()).isEqualTo("service:payments");
    assertThat(body.at("/dependencies/1/id").asString()).isEqualTo("resource:payments-db");
    assertThat(body.at("/dependencies/1/hops").asInt()).isEqualTo(2);
    assertThat(body.at("/dependents/0/id").asString()).isEqualTo("service:web");
    assertThat(body.at("/owners/0/who").asString()).isEqualTo("team:checkout-team");
    assertThat(body.at("/owners/1/who").asString()).isEqualTo("team:acme/platform");
    assertThat(body.at("/owners/1/role").asString()).isEqualTo("codeowner");

    JsonNode owners = get("/api/v1/graph/services/payments/owners").json();
    assertThat(owners.at("/owners").findValuesAsString("who"))
        .containsExactly("team:payments-team", "team:acme/payments", "person:alice");
  }

  @Test
  void a_path_maps_to_its_service_and_codeowners_and_an_edge_explains_where_it_was_declared() {
    refreshed();
    JsonNode path = get("/api/v1/graph/service-for-path?path=" + q("services/payments/src/Pay.java")).json();
    assertThat(path.at("/service").asString()).isEqualTo("service:payments");
    assertThat(path.at("/codeowners/0/who").asString()).isEqualTo("team:acme/payments");
    assertThat(path.at("/codeowners/0/provenance/detail").asString()).isEqualTo(".github/CODEOWNERS:2");

    Resp edge = get("/api/v1/graph/edge?from=service:checkout&kind=depends-on&to=service:payments");
    assertThat(edge.status()).as(edge.body()).isEqualTo(200);
    assertThat(edge.json().at("/provenance/0/source").asString()).isEqualTo("shop");
    assertThat(edge.json().at("/provenance/0/evidence").asString()).isEqualTo("declared");
    assertThat(edge.json().at("/provenance/0/detail").asString()).isEqualTo("services/checkout/catalog-info.yaml:1");
    assertThat(edge.json().at("/explanation").asString()).startsWith(
        "service:checkout depends-on service:payments: declared by shop (services/checkout/catalog-info.yaml:1), last seen");
    assertThat(get("/api/v1/graph/edge?from=service:payments&kind=depends-on&to=service:checkout").status()).isEqualTo(404);

    JsonNode alert = get("/api/v1/graph/alerts/CheckoutDown").json();
    assertThat(alert.at("/verdict").asString()).isEqualTo("not-enough-data");
  }

  @Test
  void a_fact_people_tell_joins_the_graph_with_who_and_when_is_listed_and_withdrawn() {
    refreshed();
    Resp told = send("POST", "/api/v1/graph/facts", true, """
        {"subject": "service:checkout", "relation": "depends-on", "object": "service:fraud-check",
         "note": "called synchronously since 3.2, not in the catalog yet", "author": "alice"}""");
    assertThat(told.status()).as(told.body()).isEqualTo(201);
    String id = told.json().at("/id").asString();
    assertThat(told.json().at("/author").asString()).isEqualTo("alice");
    assertThat(told.json().at("/explanation").asString()).startsWith(
        "service:checkout depends-on service:fraud-check: declared by people (told by alice at ")
        .contains(": called synchronously since 3.2, not in the catalog yet (fact " + id + ")");

    JsonNode service = get("/api/v1/graph/services/checkout").json();
    assertThat(service.at("/dependencies").findValuesAsString("id")).contains("service:fraud-check");
    Resp edge = get("/api/v1/graph/edge?from=service:checkout&kind=depends-on&to=service:fraud-check");
    assertThat(edge.json().at("/provenance/0/source").asString()).isEqualTo("people");
    assertThat(edge.json().at("/provenance/0/evidence").asString()).isEqualTo("declared");

    Resp note = send("POST", "/api/v1/graph/facts", true, """
        {"subject": "resource:payments-db", "note": "read-only during the migration"}""");
    assertThat(note.status()).as(note.body()).isEqualTo(201);
    assertThat(note.json().at("/author").asString()).as("the calling token").startsWith("api:");
    assertThat(get("/api/v1/graph/node?id=" + q("resource:payments-db")).json().at("/attributes/note").asString())
        .isEqualTo("read-only during the migration");
    assertThat(get("/api/v1/graph/facts").json().at("/facts").findValuesAsString("id"))
        .contains(id, note.json().at("/id").asString());

    assertThat(send("DELETE", "/api/v1/graph/facts/" + id, true).status()).isEqualTo(204);
    assertThat(get("/api/v1/graph/edge?from=service:checkout&kind=depends-on&to=service:fraud-check").status())
        .isEqualTo(404);
    assertThat(send("DELETE", "/api/v1/graph/facts/" + id, true).status()).isEqualTo(404);
    assertThat(get("/api/v1/graph/facts").json().at("/facts").findValuesAsString("id")).doesNotContain(id);
  }

  @Test
  void baselines_learned_through_a_missing_integration_say_why_and_unknown_ones_are_404() {
    refreshed();
    Resp refresh = send("POST", "/api/v1/graph/baselines/refresh", true);
    assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
    assertThat(refresh.json().at("/learned").asInt()).isZero();
    assertThat(refresh.json().at("/failed/*").asString()).contains("no integration named 'no-such-prom'");
    assertThat(get("/api/v1/graph/services/checkout/baselines").json().at("/baselines").size()).isZero();
    Resp one = get("/api/v1/graph/services/checkout/baselines/latency_p99");
    assertThat(one.status()).isEqualTo(404);
    assertThat(one.body()).contains("baseline of signal 'latency_p99' for service 'checkout'");
    assertThat(get("/api/v1/graph/services/checkout/baselines?at=yesterday").status()).isEqualTo(400);
  }

  /** A baseline an earlier refresh stored, as a restart finds it: the view says what is kept, not the values. */
  @Test
  void a_stored_baseline_says_from_when_and_how_many_values_it_keeps() {
    Instant learnedTo = Instant.parse("2026-11-24T14:00:00Z");
    List<LearnedBaseline.Hour> hours = new ArrayList<>();
    for (int h = 0; h < LearnedBaseline.HOURS_PER_WEEK; h++) {
      hours.add(new LearnedBaseline.Hour(h, OptionalDouble.of(0.25), 0.02, 60, LearnedBaseline.Basis.HOUR_OF_WEEK));
    }
    double[] week = new double[7 * 1440 + 1];
    java.util.Arrays.fill(week, 0.25);
    Instant from = learnedTo.minus(Duration.ofDays(7));
    new JdbcBaselineStore(database).save(new LearnedBaseline(NodeId.service("web"), "latency_p99", "p99 of web",
        from, learnedTo, week.length, hours, Duration.ofMinutes(1),
        Optional.of(new LearnedBaseline.Range(week.length, 0.25, 0.25, 0.25, 0.25, 0.25)),
        Optional.of(new LearnedBaseline.Values(from, Duration.ofMinutes(1), week))));
    contextGraph.baselines().orElseThrow().restore();

    Resp one = get("/api/v1/graph/services/web/baselines/latency_p99?at=" + learnedTo);
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    assertThat(one.json().at("/recentValues/from").asString()).isEqualTo(from.toString());
    assertThat(one.json().at("/recentValues/count").asInt()).isEqualTo(10_081);
    assertThat(one.json().at("/recentValues").size()).as("the count, not the values").isEqualTo(2);
    assertThat(one.json().at("/range/values").asInt()).isEqualTo(10_081);
  }

  @Test
  void a_fact_that_cannot_be_read_is_a_400_naming_what_is_wrong() {
    Resp unknownKind = send("POST", "/api/v1/graph/facts", true, """
        {"subject": "service:checkout", "relation": "calls", "object": "service:payments", "author": "alice"}""");
    assertThat(unknownKind.status()).isEqualTo(400);
    assertThat(unknownKind.body()).contains("unknown edge kind 'calls'", "depends-on");
    Resp noObject = send("POST", "/api/v1/graph/facts", true, """
        {"subject": "service:checkout", "relation": "depends-on", "author": "alice"}""");
    assertThat(noObject.status()).isEqualTo(400);
    assertThat(noObject.body()).contains("relation and an object together");
    Resp badField = send("POST", "/api/v1/graph/facts", true, """
        {"subject": "service:checkout", "note": "x", "who": "alice"}""");
    assertThat(badField.status()).isEqualTo(400);
    assertThat(badField.body()).contains("unknown field 'who'");
    assertThat(send("POST", "/api/v1/graph/facts", false, """
        {"subject": "service:checkout", "note": "x"}""").status()).isEqualTo(401);
  }

  @Test
  void malformed_catalog_yaml_is_reported_with_file_and_line_and_the_other_sources_are_read() {
    refreshed();
    JsonNode problems = get("/api/v1/graph/problems").json().at("/problems");
    assertThat(problems.findValuesAsString("location")).contains("services/broken/catalog-info.yaml:2");
    // A source that cannot be read at all is a problem too, and does not stop the others.
    assertThat(problems.findValuesAsString("message"))
        .anySatisfy(m -> assertThat(m).contains("unavailable", "no integration named 'no-such-prom'"))
        .anySatisfy(m -> assertThat(m).contains("unavailable", "no integration named 'no-such-k8s'"));
    assertThat(get("/api/v1/graph/nodes?kind=service").json().at("/nodes").findValuesAsString("id"))
        .contains("service:checkout", "service:payments", "service:web");
    JsonNode sources = get("/api/v1/graph/sources").json().at("/sources");
    assertThat(sources.findValuesAsString("name"))
        .startsWith("people", "shop", "shop-owners", "traffic", "cluster", "deploys");
    assertThat(sources.get(1).at("/nodes").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(sources.get(1).at("/problems").asInt()).isEqualTo(1);
    assertThat(sources.get(3).at("/failing").asString()).contains("no integration named 'no-such-prom'");
    assertThat(sources.get(3).at("/lastGoodRead").isNull()).isTrue();
    Assumptions.assumeTrue(get("/api/v1/graph/nodes?kind=service").body().contains("artist-lookup"),
        "Backstage examples not found: set VIGIL_BENCH_DATA");
    assertThat(get("/api/v1/graph/nodes?kind=team").json().at("/nodes").findValuesAsString("id"))
        .contains("team:team-a", "team:acme/platform");
  }

  @Test
  void a_deploy_event_shows_in_the_recent_changes_of_the_service_and_its_dependents() {
    String at = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).toString();
    Resp accepted = send("POST", "/api/v1/events", true, """
        {"source": "argo", "type": "deploy", "id": "argo-%s", "time": "%s",
         "labels": {"service": "payments", "environment": "production", "version": "v42"}, "text": "synced"}
        """.formatted(UUID.randomUUID(), at));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(send("POST", "/api/v1/graph/refresh?source=deploys", true).status()).isEqualTo(200);
    JsonNode changes = get("/api/v1/graph/services/checkout/changes?hops=1").json();
    assertThat(changes.at("/deploys").findValuesAsString("service")).contains("service:payments");
    assertThat(changes.at("/deploys").findValuesAsString("version")).contains("v42");
    assertThat(get("/api/v1/graph/services/checkout/changes?hops=0").json().at("/count").asInt()).isZero();
  }

  @Test
  void the_graph_exports_as_json_and_graphviz_dot() {
    refreshed();
    Resp dot = get("/api/v1/graph/export?format=dot");
    assertThat(dot.status()).isEqualTo(200);
    assertThat(dot.contentType()).startsWith("text/vnd.graphviz");
    assertThat(dot.body()).startsWith("digraph vigil {")
        .contains("\"service:web\" -> \"service:checkout\" [label=\"depends-on\"];");
    JsonNode json = get("/api/v1/graph/export").json();
    assertThat(json.at("/nodes").size()).isGreaterThan(5);
    assertThat(json.at("/edges").findValuesAsString("kind")).contains("depends-on", "owned-by", "documented-by");
  }

  @Test
  void a_changed_catalog_file_shows_after_a_refresh_of_its_source_and_a_removed_entry_is_kept() throws IOException {
    refreshed();
    Files.writeString(shop.resolve("services/checkout/catalog-info.yaml"),
        SHOP_CATALOG.replace("dependsOn: [component:checkout]", "dependsOn: [component:checkout, component:search]")
            .replace("""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: payments""", """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: payments-v2"""));
    try {
      Resp r = send("POST", "/api/v1/graph/refresh?source=shop", true);
      assertThat(r.json().at("/sources/0").asString()).isEqualTo("shop");
      JsonNode web = get("/api/v1/graph/services/web").json();
      assertThat(web.at("/dependencies").findValuesAsString("id")).contains("service:search");
      JsonNode payments = get("/api/v1/graph/node?id=service:payments").json();
      assertThat(payments.at("/id").asString()).isEqualTo("service:payments");
      assertThat(payments.at("/stale").asBoolean()).isFalse();
    } finally {
      Files.writeString(shop.resolve("services/checkout/catalog-info.yaml"), SHOP_CATALOG);
      refreshed();
    }
  }

  @Test
  void bad_input_is_refused_with_a_problem_naming_what_is_accepted_and_no_token_gets_401() {
    Resp kind = get("/api/v1/graph/nodes?kind=widget");
    assertThat(kind.status()).isEqualTo(400);
    assertThat(kind.contentType()).startsWith("application/problem+json");
    assertThat(kind.json().at("/detail").asString()).contains("unknown node kind 'widget'", "service, api");
    assertThat(get("/api/v1/graph/services/checkout?hops=99").json().at("/detail").asString())
        .contains("hops must be between 1 and 10");
    assertThat(get("/api/v1/graph/export?format=svg").status()).isEqualTo(400);
    assertThat(get("/api/v1/graph/services/nope").status()).isEqualTo(404);
    assertThat(get("/api/v1/graph/node?id=nonsense").status()).isEqualTo(400);
    assertThat(send("GET", "/api/v1/graph/nodes", false).status()).isEqualTo(401);
  }
}
