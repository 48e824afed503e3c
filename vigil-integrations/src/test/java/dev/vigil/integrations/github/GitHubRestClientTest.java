package dev.vigil.integrations.github;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.ChangeType;
import dev.vigil.core.change.ChangedCommit;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.CommitStatus;
import dev.vigil.core.change.DeploymentStatus;
import dev.vigil.core.port.StatusPublisher;
import dev.vigil.core.change.FileChange;
import dev.vigil.core.change.PullRequestRef;
import dev.vigil.core.port.ChangeSource;
import dev.vigil.core.security.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST client against a local server that checks requests the way GitHub does (bearer token,
 * Accept and API version headers, paths under a GitHub Enterprise base {@code /api/v3}) and
 * answers with bodies shaped like GitHub's documented responses.
 */
class GitHubRestClientTest {
  private static final String TOKEN = "ghp_fakeTokenForTests0123456789";
  private static final String BASE = "8f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d";
  private static final String MID = "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";
  private static final String HEAD = "c0ffee5eed1234567890abcdef1234567890abcd";
  private static final long DEPLOYMENT = 1_234_567_890L;
  private static final String UNKNOWN = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HttpServer server;
  private ExecutorService threads;
  private String api;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<JsonNode> statuses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startFakeGitHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext("/api/v3/", this::handle);
    server.start();
    api = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private GitHubRestClient client() {
    return client(Duration.ofSeconds(5));
  }

  private GitHubRestClient client(Duration timeout) {
    GitHubApiConfig config = GitHubApiConfig.of(URI.create(api + "/")).withToken(new Secret(TOKEN)).withTimeout(timeout);
    return new GitHubRestClient(config, HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void compare_follows_pages_and_lists_commits_newest_first_with_files_and_the_pull_request() throws Exception {
    Changeset changes = client().compare("acme/shop", CommitSha.of(BASE), CommitSha.of(HEAD), ChangeLimits.DEFAULT);

    assertThat(requests).containsExactly(
        "GET /api/v3/repos/acme/shop/compare/" + BASE + "..." + HEAD + "?per_page=100",
        "GET /api/v3/repos/acme/shop/compare/" + BASE + "..." + HEAD + "?per_page=100&page=2",
        "GET /api/v3/repos/acme/shop/commits/" + HEAD + "/pulls?per_page=100");
    assertThat(changes.base().value()).isEqualTo(BASE);
    assertThat(changes.head().value()).isEqualTo(HEAD);
    assertThat(changes.commits()).extracting(c -> c.sha().value()).containsExactly(HEAD, MID);
    ChangedCommit head = changes.commits().get(0);
    assertThat(head.author()).isEqualTo("Grace Hopper");
    assertThat(head.authorEmail()).isEqualTo("grace@example.com");
    assertThat(head.time()).isEqualTo(Instant.parse("2026-11-24T16:05:00Z"));
    assertThat(head.subject()).isEqualTo("Raise pool size to 40 (#42)");
    assertThat(changes.truncated()).isFalse();

    assertThat(changes.files()).extracting(FileChange::path)
        .containsExactly("assets/logo.png", "config/pool.yaml", "docs/OPERATIONS.md", "legacy/pool.properties",
            "src/main/java/shop/Pool.java");
    FileChange pool = file(changes, "config/pool.yaml");
    assertThat(pool.type()).isEqualTo(ChangeType.MODIFIED);
    assertThat(pool.additions()).isEqualTo(1);
    assertThat(pool.deletions()).isEqualTo(1);
    assertThat(pool.patch()).startsWith("@@ -1,3 +1,3 @@").contains("+  maxSize: 40");
    assertThat(file(changes, "docs/OPERATIONS.md").type()).isEqualTo(ChangeType.RENAMED);
    assertThat(file(changes, "docs/OPERATIONS.md").previousPath()).isEqualTo("OPERATIONS.md");
    assertThat(file(changes, "legacy/pool.properties").type()).isEqualTo(ChangeType.DELETED);
    assertThat(file(changes, "src/main/java/shop/Pool.java").type()).isEqualTo(ChangeType.ADDED);
    assertThat(file(changes, "assets/logo.png").binary()).isTrue();
    assertThat(file(changes, "assets/logo.png").patch()).isEmpty();

    assertThat(changes.pullRequests()).containsExactly(new PullRequestRef(42, "Raise pool size to 40",
        "https://github.example.com/acme/shop/pull/42", "grace", "merged"));
  }

  @Test
  void limits_keep_the_newest_commits_and_cut_patches() throws Exception {
    Changeset changes = client().compare("acme/shop", CommitSha.of(BASE), CommitSha.of(HEAD),
        new ChangeLimits(1, 2, 20, 1000));

    assertThat(changes.commits()).extracting(c -> c.sha().value()).containsExactly(HEAD);
    assertThat(changes.files()).extracting(FileChange::path).containsExactly("assets/logo.png", "config/pool.yaml");
    assertThat(changes.truncated()).isTrue();
    assertThat(file(changes, "config/pool.yaml").patchTruncated()).isTrue();
    assertThat(file(changes, "config/pool.yaml").patch()).isEqualTo("@@ -1,3 +1,3 @@\n");
  }

  @Test
  void an_unknown_commit_is_not_found_through_the_change_source() {
    ChangeSource source = new GitHubChangeSource("github-main", client());

    assertThatThrownBy(() -> source.changeset("acme/shop", CommitSha.of(BASE), CommitSha.of(UNKNOWN)))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.NOT_FOUND);
          assertThat(f.retryable()).isFalse();
        })
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("No commit found for SHA: " + UNKNOWN);
  }

  @Test
  void a_spent_rate_limit_is_retryable_until_the_reset_time() {
    assertThatThrownBy(() -> client().compare("acme/limited", CommitSha.of(BASE), CommitSha.of(HEAD), ChangeLimits.DEFAULT))
        .isInstanceOfSatisfying(GitHubApiException.class, e -> {
          assertThat(e.kind()).isEqualTo(GitHubApiException.Kind.RATE_LIMITED);
          assertThat(e.retryable()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        })
        .hasMessageContaining("rate limited");
  }

  @Test
  void a_secondary_rate_limit_carries_githubs_retry_after() {
    ChangeSource source = new GitHubChangeSource("github-main", client());

    assertThatThrownBy(() -> source.changeset("acme/busy", CommitSha.of(BASE), CommitSha.of(HEAD)))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.retryable()).isTrue();
          assertThat(f.retryAfterSeconds()).isEqualTo(30);
        });
  }

  @Test
  void a_plain_403_is_a_permission_problem_and_5xx_is_retryable() {
    assertThatThrownBy(() -> client().pullRequests("acme/private", CommitSha.of(HEAD)))
        .isInstanceOfSatisfying(GitHubApiException.class, e -> {
          assertThat(e.kind()).isEqualTo(GitHubApiException.Kind.FORBIDDEN);
          assertThat(e.retryable()).isFalse();
        })
        .hasMessageContaining("Resource not accessible by integration");
    assertThatThrownBy(() -> client().pullRequests("acme/down", CommitSha.of(HEAD)))
        .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.kind())
            .isEqualTo(GitHubApiException.Kind.UNAVAILABLE));
  }

  @Test
  void a_slow_answer_fails_at_the_timeout() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> client(Duration.ofMillis(300)).pullRequests("acme/slow", CommitSha.of(HEAD)))
        .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.kind())
            .isEqualTo(GitHubApiException.Kind.UNAVAILABLE))
        .hasMessageContaining("within PT0.3S");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void a_wrong_token_is_refused_like_github_does() {
    GitHubApiConfig config = GitHubApiConfig.of(URI.create(api)).withToken(new Secret("ghp_wrong"));
    GitHubRestClient client = new GitHubRestClient(config, HttpClient.newHttpClient(), Clock.systemUTC());

    assertThatThrownBy(() -> client.pullRequests("acme/shop", CommitSha.of(HEAD)))
        .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("Bad credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_wrong"));
  }

  @Test
  void a_next_link_to_another_host_is_not_followed() throws Exception {
    List<PullRequestRef> pulls = client().pullRequests("acme/elsewhere", CommitSha.of(HEAD));

    assertThat(pulls).extracting(PullRequestRef::number).containsExactly(7);
    assertThat(requests).hasSize(1);
  }

  @Test
  void codeowners_is_read_from_the_first_of_githubs_three_locations_that_exists() throws Exception {
    Optional<CodeOwnersFile> owners = client().codeOwners("acme/shop", Optional.of("main"));

    assertThat(owners).isPresent();
    assertThat(owners.get().path()).isEqualTo("CODEOWNERS");
    assertThat(owners.get().text()).isEqualTo(CODEOWNERS);
    assertThat(requests).containsExactly(
        "GET /api/v3/repos/acme/shop/contents/.github/CODEOWNERS?ref=main",
        "GET /api/v3/repos/acme/shop/contents/CODEOWNERS?ref=main");
    assertThat(client().codeOwners("acme/bare", Optional.empty())).isEmpty();
  }

  @Test
  void a_commit_status_is_posted_as_github_expects() throws Exception {
    client().createStatus("acme/shop", CommitSha.of(HEAD), new CommitStatus(CommitStatus.State.FAILURE,
        "vigil/deploy-watch", "p99 latency 3x baseline after deploy",
        Optional.of(URI.create("https://vigil.example.com/findings/17"))));

    assertThat(requests).containsExactly("POST /api/v3/repos/acme/shop/statuses/" + HEAD);
    JsonNode body = statuses.get(0);
    assertThat(body.path("state").asString()).isEqualTo("failure");
    assertThat(body.path("context").asString()).isEqualTo("vigil/deploy-watch");
    assertThat(body.path("description").asString()).isEqualTo("p99 latency 3x baseline after deploy");
    assertThat(body.path("target_url").asString()).isEqualTo("https://vigil.example.com/findings/17");
    assertThatThrownBy(() -> new CommitStatus(CommitStatus.State.SUCCESS, "vigil", "x".repeat(141), Optional.empty()))
        .hasMessageContaining("at most 140");
  }

  @Test
  void a_deployment_status_is_posted_as_github_expects_through_the_status_publisher() throws Exception {
    StatusPublisher publisher = new GitHubStatusPublisher("github-main", client());
    publisher.deploymentStatus("acme/shop", DEPLOYMENT, new DeploymentStatus(DeploymentStatus.State.IN_PROGRESS,
        "watching p99 for 15 minutes", Optional.of("production"), Optional.empty(),
        Optional.of(URI.create("https://vigil.example.com/runs/42"))));
    publisher.commitStatus("acme/shop", CommitSha.of(HEAD), new CommitStatus(CommitStatus.State.PENDING,
        "vigil/deploy-watch", "watching", Optional.empty()));

    assertThat(requests).containsExactly("POST /api/v3/repos/acme/shop/deployments/" + DEPLOYMENT + "/statuses",
        "POST /api/v3/repos/acme/shop/statuses/" + HEAD);
    JsonNode body = statuses.get(0);
    assertThat(body.path("state").asString()).isEqualTo("in_progress");
    assertThat(body.path("description").asString()).isEqualTo("watching p99 for 15 minutes");
    assertThat(body.path("environment").asString()).isEqualTo("production");
    assertThat(body.path("log_url").asString()).isEqualTo("https://vigil.example.com/runs/42");
    assertThat(body.has("environment_url")).isFalse();
    assertThat(statuses.get(1).path("state").asString()).isEqualTo("pending");
  }

  @Test
  void an_unknown_deployment_is_not_found_and_a_refused_token_is_denied_through_the_publisher() {
    StatusPublisher publisher = new GitHubStatusPublisher("github-main", client());
    assertThatThrownBy(() -> publisher.deploymentStatus("acme/shop", 999, DeploymentStatus.of(
        DeploymentStatus.State.SUCCESS, "")))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind())
            .isEqualTo(IntegrationFailure.Kind.NOT_FOUND));
    assertThatThrownBy(() -> publisher.commitStatus("acme/private", CommitSha.of(HEAD), new CommitStatus(
        CommitStatus.State.SUCCESS, "vigil", "", Optional.empty())))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED);
          assertThat(f.getMessage()).contains("Resource not accessible by integration");
        });
    assertThatThrownBy(() -> publisher.deploymentStatus("acme/shop", 0, DeploymentStatus.of(
        DeploymentStatus.State.SUCCESS, "")))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind())
            .isEqualTo(IntegrationFailure.Kind.INVALID));
    assertThatThrownBy(() -> DeploymentStatus.of(DeploymentStatus.State.SUCCESS, "x".repeat(141)))
        .hasMessageContaining("at most 140");
  }

  private static FileChange file(Changeset changes, String path) {
    return changes.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
  }

  // --- the fake GitHub ---------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        answer(exchange, 401, ERROR.formatted("Bad credentials"));
        return;
      }
      if (!"application/vnd.github+json".equals(exchange.getRequestHeaders().getFirst("Accept"))
          || !"2022-11-28".equals(exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version"))) {
        answer(exchange, 415, ERROR.formatted("Unsupported 'Accept' header or API version"));
        return;
      }
      requests.add(exchange.getRequestMethod() + " " + path + query);
      String compare = "/api/v3/repos/acme/shop/compare/" + BASE + "..." + HEAD;
      if (path.equals(compare) && query.equals("?per_page=100")) {
        String next = api + "/repos/acme/shop/compare/" + BASE + "..." + HEAD + "?per_page=100&page=2";
        exchange.getResponseHeaders().add("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\"");
        answer(exchange, 200, comparePage(List.of(commitJson(MID, "Ada Lovelace", "ada@example.com",
            "2026-11-24T15:00:00Z", "Move pool settings to YAML"))));
      } else if (path.equals(compare) && query.equals("?per_page=100&page=2")) {
        answer(exchange, 200, comparePage(List.of(commitJson(HEAD, "Grace Hopper", "grace@example.com",
            "2026-11-24T16:05:00Z", "Raise pool size to 40 (#42)\\n\\nThe checkout burst needs it."))));
      } else if (path.startsWith("/api/v3/repos/acme/shop/compare/") && path.endsWith(UNKNOWN)) {
        answer(exchange, 404, ERROR.formatted("No commit found for SHA: " + UNKNOWN));
      } else if (path.startsWith("/api/v3/repos/acme/limited/")) {
        exchange.getResponseHeaders().add("x-ratelimit-limit", "5000");
        exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
        exchange.getResponseHeaders().add("x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 120));
        answer(exchange, 403, ERROR.formatted("API rate limit exceeded for installation ID 12345."));
      } else if (path.startsWith("/api/v3/repos/acme/busy/")) {
        exchange.getResponseHeaders().add("retry-after", "30");
        answer(exchange, 429, ERROR.formatted("You have exceeded a secondary rate limit."));
      } else if (path.startsWith("/api/v3/repos/acme/private/")) {
        exchange.getResponseHeaders().add("x-ratelimit-remaining", "4999");
        answer(exchange, 403, ERROR.formatted("Resource not accessible by integration"));
      } else if (path.startsWith("/api/v3/repos/acme/down/")) {
        answer(exchange, 503, "{\"message\":\"Service Unavailable\"}");
      } else if (path.startsWith("/api/v3/repos/acme/slow/")) {
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer(exchange, 200, "[]");
      } else if (path.equals("/api/v3/repos/acme/elsewhere/commits/" + HEAD + "/pulls")) {
        exchange.getResponseHeaders().add("Link", "<https://attacker.example/steal?page=2>; rel=\"next\"");
        answer(exchange, 200, "[" + PULL.replace("\"number\": 42", "\"number\": 7") + "]");
      } else if (path.equals("/api/v3/repos/acme/shop/commits/" + HEAD + "/pulls")) {
        answer(exchange, 200, "[" + PULL + "]");
      } else if (path.equals("/api/v3/repos/acme/shop/contents/CODEOWNERS")) {
        answer(exchange, 200, contentJson("CODEOWNERS", CODEOWNERS));
      } else if (path.startsWith("/api/v3/repos/") && path.contains("/contents/")) {
        answer(exchange, 404, ERROR.formatted("Not Found"));
      } else if (path.equals("/api/v3/repos/acme/shop/statuses/" + HEAD) && exchange.getRequestMethod().equals("POST")) {
        if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
          answer(exchange, 415, ERROR.formatted("Content-Type must be application/json"));
          return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (!List.of("error", "failure", "pending", "success").contains(body.path("state").asString(""))) {
          answer(exchange, 422, ERROR.formatted("Validation Failed"));
          return;
        }
        statuses.add(body);
        answer(exchange, 201, """
            {"url": "%s/repos/acme/shop/statuses/%s", "id": 1, "node_id": "SC_kwDOA", "state": "%s",
             "description": "%s", "target_url": "%s", "context": "%s",
             "created_at": "2026-11-25T12:00:00Z", "updated_at": "2026-11-25T12:00:00Z"}"""
            .formatted(api, HEAD, body.path("state").asString(), body.path("description").asString(),
                body.path("target_url").asString(), body.path("context").asString()));
      } else if (path.matches("/api/v3/repos/acme/shop/deployments/\\d+/statuses")
          && exchange.getRequestMethod().equals("POST")) {
        long deployment = Long.parseLong(path.split("/")[7]);
        if (deployment != DEPLOYMENT) {
          answer(exchange, 404, ERROR.formatted("Not Found"));
          return;
        }
        if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
          answer(exchange, 415, ERROR.formatted("Content-Type must be application/json"));
          return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (!List.of("error", "failure", "inactive", "in_progress", "queued", "pending", "success")
            .contains(body.path("state").asString(""))) {
          answer(exchange, 422, ERROR.formatted("Validation Failed"));
          return;
        }
        statuses.add(body);
        answer(exchange, 201, """
            {"url": "%s/repos/acme/shop/deployments/%d/statuses/1", "id": 1, "state": "%s", "description": "%s",
             "environment": "%s", "log_url": "%s", "deployment_url": "%s/repos/acme/shop/deployments/%d",
             "created_at": "2026-11-25T12:00:00Z", "updated_at": "2026-11-25T12:00:00Z"}"""
            .formatted(api, DEPLOYMENT, body.path("state").asString(), body.path("description").asString(),
                body.path("environment").asString("production"), body.path("log_url").asString(), api, DEPLOYMENT));
      } else {
        answer(exchange, 404, ERROR.formatted("Not Found"));
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static final String ERROR = """
      {"message": "%s", "documentation_url": "https://docs.github.com/rest", "status": "4xx"}""";

  private static final String CODEOWNERS = """
      # Payments team owns the pool settings
      /config/      @acme/payments
      *.java        @acme/backend @grace
      /docs/        @ada
      """;

  private static String contentJson(String path, String text) {
    // GitHub wraps base64 content at 60 characters.
    String encoded = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(text.getBytes(StandardCharsets.UTF_8)).replace("\n", "\\n");
    return """
        {"type": "file", "encoding": "base64", "size": %d, "name": "%s", "path": "%s",
         "content": "%s\\n", "sha": "3d21ec53a331a6f037a91c368710b99387d012c1",
         "url": "https://api.github.example.com/repos/acme/shop/contents/%s?ref=main",
         "html_url": "https://github.example.com/acme/shop/blob/main/%s"}"""
        .formatted(text.length(), path, path, encoded, path, path);
  }

  private static String commitJson(String sha, String name, String email, String date, String message) {
    return """
        {"sha": "%s", "node_id": "C_kwDOA", "html_url": "https://github.example.com/acme/shop/commit/%s",
         "commit": {"author": {"name": "%s", "email": "%s", "date": "%s"},
                    "committer": {"name": "GitHub", "email": "noreply@github.com", "date": "%s"},
                    "message": "%s", "tree": {"sha": "7b0e1c9b6b7c6c5d0a1f2e3d4c5b6a798f0e1d2c"},
                    "comment_count": 0, "verification": {"verified": false, "reason": "unsigned"}},
         "author": {"login": "%s", "id": 1, "type": "User"},
         "parents": [{"sha": "%s"}]}"""
        .formatted(sha, sha, name, email, date, date, message, name.split(" ")[0].toLowerCase(), BASE);
  }

  private static String comparePage(List<String> commits) {
    return """
        {"url": "https://api.github.example.com/repos/acme/shop/compare/%s...%s",
         "html_url": "https://github.example.com/acme/shop/compare/%s...%s",
         "base_commit": {"sha": "%s", "commit": {"author": {"name": "Ada Lovelace", "email": "ada@example.com",
           "date": "2026-11-20T10:00:00Z"}, "message": "Release 1.4"}},
         "merge_base_commit": {"sha": "%s"},
         "status": "ahead", "ahead_by": 2, "behind_by": 0, "total_commits": 2,
         "commits": [%s],
         "files": [
           {"sha": "bbcd538c8e72b8c175046e27cc8f907076331401", "filename": "config/pool.yaml", "status": "modified",
            "additions": 1, "deletions": 1, "changes": 2,
            "blob_url": "https://github.example.com/acme/shop/blob/%s/config/pool.yaml",
            "patch": "@@ -1,3 +1,3 @@\\n pool:\\n-  maxSize: 20\\n+  maxSize: 40\\n   minIdle: 5"},
           {"sha": "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "filename": "src/main/java/shop/Pool.java",
            "status": "added", "additions": 3, "deletions": 0, "changes": 3,
            "patch": "@@ -0,0 +1,3 @@\\n+package shop;\\n+\\n+record Pool(int maxSize) {}"},
           {"sha": "0000000000000000000000000000000000000000", "filename": "legacy/pool.properties",
            "status": "removed", "additions": 0, "deletions": 2, "changes": 2,
            "patch": "@@ -1,2 +0,0 @@\\n-pool.max=20\\n-pool.min=5"},
           {"sha": "5f6e7d8c9b0a1f2e3d4c5b6a7980f1e2d3c4b5a6", "filename": "docs/OPERATIONS.md",
            "previous_filename": "OPERATIONS.md", "status": "renamed", "additions": 0, "deletions": 0, "changes": 0},
           {"sha": "9a8b7c6d5e4f30211f2e3d4c5b6a79800f1e2d3c", "filename": "assets/logo.png",
            "status": "modified", "additions": 0, "deletions": 0, "changes": 0}
         ]}"""
        .formatted(BASE, HEAD, BASE, HEAD, BASE, BASE, String.join(",", commits), HEAD);
  }

  private static final String PULL = """
      {"url": "https://api.github.example.com/repos/acme/shop/pulls/42", "id": 1, "number": 42,
       "state": "closed", "locked": false, "title": "Raise pool size to 40",
       "user": {"login": "grace", "id": 2, "type": "User"}, "body": "Checkout bursts exhaust the pool.",
       "html_url": "https://github.example.com/acme/shop/pull/42",
       "created_at": "2026-11-24T14:00:00Z", "updated_at": "2026-11-24T16:06:00Z",
       "closed_at": "2026-11-24T16:05:30Z", "merged_at": "2026-11-24T16:05:30Z",
       "merge_commit_sha": "c0ffee5eed1234567890abcdef1234567890abcd",
       "head": {"ref": "pool-40", "sha": "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e"},
       "base": {"ref": "main", "sha": "8f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d"}}""";
}
