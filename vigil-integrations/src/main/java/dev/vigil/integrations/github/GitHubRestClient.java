package dev.vigil.integrations.github;

import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.ChangeType;
import dev.vigil.core.change.ChangedCommit;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.CommitStatus;
import dev.vigil.core.change.DeploymentStatus;
import dev.vigil.core.change.FileChange;
import dev.vigil.core.change.PatchBudget;
import dev.vigil.core.change.PullRequestRef;
import dev.vigil.integrations.github.GitHubApiException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's REST API for what agents need about changes: compare two commits (with the pull
 * requests of the head), read CODEOWNERS, create a commit status. Works with github.com and
 * GitHub Enterprise Server (base URL {@code https://HOST/api/v3}). It does not retry by itself:
 * a rate limit or an outage surfaces as a retryable {@link GitHubApiException} so that the
 * engine's step retries, with their backoff and audit, decide. Thread-safe.
 */
public final class GitHubRestClient {
  private static final Logger log = LoggerFactory.getLogger(GitHubRestClient.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  /** Where GitHub looks for CODEOWNERS, in its order of precedence. */
  static final List<String> CODEOWNERS_PATHS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");
  /** Compare answers list at most this many files; GitHub documents 300. */
  private static final int PAGE_SIZE = 100;

  private final GitHubApiConfig config;
  private final HttpClient http;
  private final Clock clock;

  public GitHubRestClient(GitHubApiConfig config, HttpClient http, Clock clock) {
    if (config == null || http == null || clock == null) {
      throw new IllegalArgumentException("a config, an HTTP client and a clock are required");
    }
    this.config = config;
    this.http = http;
    this.clock = clock;
  }

  public static GitHubRestClient create(GitHubApiConfig config) {
    return new GitHubRestClient(config, HttpClient.newBuilder()
        .connectTimeout(config.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build(), Clock.systemUTC());
  }

  /**
   * Compares {@code base...head}: commits newest first, files in path order, and the pull
   * requests associated with the head commit. Commit pages are followed through {@code Link}
   * headers until {@code limits.maxCommits()}; files come from the first page, as GitHub lists
   * them all there (up to its own bound of 300).
   */
  public Changeset compare(String repository, CommitSha base, CommitSha head, ChangeLimits limits)
      throws GitHubApiException {
    requireRepository(repository);
    URI next = uri("/repos/" + repository + "/compare/" + base.value() + "..." + head.value()
        + "?per_page=" + PAGE_SIZE);
    // GitHub lists commits oldest first, page by page; the newest are the ones worth keeping.
    java.util.ArrayDeque<ChangedCommit> newest = new java.util.ArrayDeque<>();
    JsonNode first = null;
    boolean truncated = false;
    while (next != null) {
      Page page = get("compare " + repository, next);
      if (first == null) {
        first = page.body();
      }
      for (JsonNode commit : page.body().path("commits")) {
        newest.addFirst(commitOf(commit));
        if (newest.size() > limits.maxCommits()) {
          newest.removeLast();
          truncated = true;
        }
      }
      next = page.next().orElse(null);
    }
    List<ChangedCommit> commits = List.copyOf(newest);
    if (first.path("total_commits").asInt(0) > commits.size()) {
      truncated = true;
    }
    List<JsonNode> fileNodes = new ArrayList<>();
    first.path("files").forEach(fileNodes::add);
    fileNodes.sort(Comparator.comparing(f -> f.path("filename").asString("")));
    PatchBudget budget = new PatchBudget(limits);
    List<FileChange> files = new ArrayList<>();
    for (JsonNode file : fileNodes) {
      if (files.size() == limits.maxFiles()) {
        truncated = true;
        break;
      }
      files.add(fileOf(file, budget));
    }
    CommitSha baseSha = shaOr(first.path("base_commit").path("sha"), base);
    CommitSha headSha = commits.isEmpty() ? head : commits.get(0).sha();
    return new Changeset(repository, baseSha, headSha, commits, files, pullRequests(repository, head), truncated);
  }

  /** The pull requests GitHub associates with {@code sha} (merged ones and open ones containing it). */
  public List<PullRequestRef> pullRequests(String repository, CommitSha sha) throws GitHubApiException {
    requireRepository(repository);
    List<PullRequestRef> found = new ArrayList<>();
    URI next = uri("/repos/" + repository + "/commits/" + sha.value() + "/pulls?per_page=" + PAGE_SIZE);
    while (next != null) {
      Page page = get("pull requests of " + sha, next);
      for (JsonNode pull : page.body()) {
        boolean merged = !pull.path("merged_at").isNull() && !pull.path("merged_at").isMissingNode();
        found.add(new PullRequestRef(pull.path("number").asInt(), pull.path("title").asString(""),
            pull.path("html_url").asString(""), pull.path("user").path("login").asString(""),
            merged ? "merged" : pull.path("state").asString("")));
      }
      next = page.next().orElse(null);
    }
    return found;
  }

  /**
   * The CODEOWNERS file GitHub would use: the first of {@code .github/CODEOWNERS},
   * {@code CODEOWNERS} and {@code docs/CODEOWNERS} that exists at {@code ref} (the default
   * branch when empty).
   */
  public Optional<CodeOwnersFile> codeOwners(String repository, Optional<String> ref) throws GitHubApiException {
    requireRepository(repository);
    for (String path : CODEOWNERS_PATHS) {
      String query = ref.map(r -> "?ref=" + URLEncoder.encode(r, StandardCharsets.UTF_8)).orElse("");
      try {
        JsonNode file = get("read " + path, uri("/repos/" + repository + "/contents/" + path + query)).body();
        if (!"file".equals(file.path("type").asString("")) || !"base64".equals(file.path("encoding").asString(""))) {
          throw new GitHubApiException(Kind.INVALID, 200, "github " + repository + "/" + path
              + " is not a base64-encoded file", Optional.empty(), null);
        }
        byte[] bytes = Base64.getMimeDecoder().decode(file.path("content").asString(""));
        return Optional.of(new CodeOwnersFile(repository, path, new String(bytes, StandardCharsets.UTF_8)));
      } catch (GitHubApiException e) {
        if (e.kind() != Kind.NOT_FOUND) {
          throw e;
        }
      }
    }
    return Optional.empty();
  }

  /** Creates a commit status on {@code sha}; needs a token with {@code statuses: write}. */
  public void createStatus(String repository, CommitSha sha, CommitStatus status) throws GitHubApiException {
    requireRepository(repository);
    ObjectNode body = JSON.createObjectNode();
    body.put("state", wire(status.state()));
    body.put("context", status.context());
    if (!status.description().isEmpty()) {
      body.put("description", status.description());
    }
    status.targetUrl().ifPresent(u -> body.put("target_url", u.toString()));
    HttpRequest request = request(uri("/repos/" + repository + "/statuses/" + sha.value()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    send("create status on " + sha, request);
  }

  /**
   * Adds a status to deployment {@code deploymentId}; needs a token with {@code deployments: write}.
   * Sent once: a retry after a lost answer would add a second status.
   */
  public void createDeploymentStatus(String repository, long deploymentId, DeploymentStatus status)
      throws GitHubApiException {
    requireRepository(repository);
    if (deploymentId <= 0) {
      throw new GitHubApiException(Kind.INVALID, 0, "github deployment status: deployment id must be positive, got "
          + deploymentId, Optional.empty(), null);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("state", wire(status.state()));
    if (!status.description().isEmpty()) {
      body.put("description", status.description());
    }
    status.environment().ifPresent(e -> body.put("environment", e));
    status.environmentUrl().ifPresent(u -> body.put("environment_url", u.toString()));
    status.logUrl().ifPresent(u -> body.put("log_url", u.toString()));
    HttpRequest request = request(uri("/repos/" + repository + "/deployments/" + deploymentId + "/statuses"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    send("create status on deployment " + deploymentId, request);
  }

  /** GitHub spells states in lower case ({@code in_progress}). */
  private static String wire(Enum<?> state) {
    return state.name().toLowerCase(java.util.Locale.ROOT);
  }

  private record Page(JsonNode body, Optional<URI> next) {}

  private Page get(String operation, URI uri) throws GitHubApiException {
    HttpResponse<String> response = send(operation, request(uri).GET().build());
    try {
      return new Page(JSON.readTree(response.body()), nextPage(response));
    } catch (JacksonException e) {
      throw new GitHubApiException(Kind.INVALID, response.statusCode(),
          "github " + operation + ": the answer is not JSON", Optional.empty(), e);
    }
  }

  private HttpResponse<String> send(String operation, HttpRequest request) throws GitHubApiException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new GitHubApiException(Kind.UNAVAILABLE, 0, "github " + operation + ": no answer from "
          + config.baseUrl() + " within " + config.timeout(), Optional.empty(), e);
    } catch (IOException e) {
      throw new GitHubApiException(Kind.UNAVAILABLE, 0, "github " + operation + ": cannot reach "
          + config.baseUrl() + " (" + e.getClass().getSimpleName() + ")", Optional.empty(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubApiException(Kind.UNAVAILABLE, 0, "github " + operation + ": interrupted",
          Optional.empty(), e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    throw failure(operation, response);
  }

  private GitHubApiException failure(String operation, HttpResponse<String> response) {
    int status = response.statusCode();
    String said = "github " + operation + ": HTTP " + status + messageOf(response.body());
    Optional<Duration> wait = retryAfter(response);
    boolean spent = response.headers().firstValue("x-ratelimit-remaining").map("0"::equals).orElse(false);
    if ((status == 403 || status == 429) && (spent || wait.isPresent())) {
      Duration delay = wait.orElse(Duration.ofSeconds(60));
      log.warn("github rate limited operation={} status={} retryAfter={}", operation, status, delay);
      return new GitHubApiException(Kind.RATE_LIMITED, status, said + " (rate limited; retry after "
          + delay.toSeconds() + "s)", Optional.of(delay), null);
    }
    Kind kind = switch (status) {
      case 401, 403 -> Kind.FORBIDDEN;
      case 404 -> Kind.NOT_FOUND;
      case 400, 409, 410, 422 -> Kind.INVALID;
      default -> status >= 500 || status == 429 ? Kind.UNAVAILABLE : Kind.INVALID;
    };
    return new GitHubApiException(kind, status, said, Optional.empty(), null);
  }

  // retry-after (seconds) wins; else the reset epoch of a spent primary limit.
  private Optional<Duration> retryAfter(HttpResponse<String> response) {
    Optional<String> seconds = response.headers().firstValue("retry-after");
    try {
      if (seconds.isPresent()) {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(seconds.get().strip()))));
      }
      boolean spent = response.headers().firstValue("x-ratelimit-remaining").map("0"::equals).orElse(false);
      Optional<String> reset = response.headers().firstValue("x-ratelimit-reset");
      if (spent && reset.isPresent()) {
        Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().strip()));
        Duration left = Duration.between(clock.instant(), at);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      log.debug("github rate limit headers not understood: {}", e.getMessage());
    }
    return Optional.empty();
  }

  private static String messageOf(String body) {
    try {
      String message = JSON.readTree(body).path("message").asString("");
      return message.isBlank() ? "" : " (" + message + ")";
    } catch (JacksonException | IllegalArgumentException e) {
      return "";
    }
  }

  // A next link on another host would carry the token away from GitHub; it is not followed.
  private Optional<URI> nextPage(HttpResponse<String> response) {
    for (String link : response.headers().allValues("link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        URI next = URI.create(m.group(1));
        if (!sameOrigin(next, config.baseUrl())) {
          log.warn("github next page on another origin not followed host={}", next.getHost());
          return Optional.empty();
        }
        return Optional.of(next);
      }
    }
    return Optional.empty();
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(config.timeout())
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", config.apiVersion())
        .header("User-Agent", "vigil");
    config.token().ifPresent(t -> builder.header("Authorization", "Bearer " + t.reveal()));
    return builder;
  }

  private URI uri(String pathAndQuery) {
    return URI.create(config.baseUrl() + pathAndQuery);
  }

  private static void requireRepository(String repository) throws GitHubApiException {
    if (repository == null || !REPOSITORY.matcher(repository).matches()) {
      throw new GitHubApiException(Kind.INVALID, 0, "repository '" + repository
          + "' is not valid: use owner/repo", Optional.empty(), null);
    }
  }

  private static ChangedCommit commitOf(JsonNode node) throws GitHubApiException {
    JsonNode author = node.path("commit").path("author");
    try {
      return new ChangedCommit(CommitSha.of(node.path("sha").asString("")), author.path("name").asString(""),
          author.path("email").asString(""), Instant.parse(author.path("date").asString("")),
          node.path("commit").path("message").asString(""));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new GitHubApiException(Kind.INVALID, 200, "github compare: a commit could not be read: "
          + e.getMessage(), Optional.empty(), e);
    }
  }

  private static FileChange fileOf(JsonNode node, PatchBudget budget) {
    String status = node.path("status").asString("");
    ChangeType type = switch (status) {
      case "added" -> ChangeType.ADDED;
      case "removed" -> ChangeType.DELETED;
      case "renamed" -> ChangeType.RENAMED;
      case "copied" -> ChangeType.COPIED;
      default -> ChangeType.MODIFIED; // modified, changed, unchanged
    };
    JsonNode patchNode = node.path("patch");
    // GitHub leaves `patch` out for binary files and for diffs too large to show.
    boolean hasPatch = patchNode.isString();
    boolean binary = !hasPatch && node.path("changes").asInt(0) == 0 && type != ChangeType.RENAMED
        && type != ChangeType.COPIED;
    PatchBudget.Kept kept = budget.take(hasPatch ? patchNode.asString() : "");
    boolean cut = kept.truncated() || (!hasPatch && !binary && node.path("changes").asInt(0) > 0);
    return new FileChange(node.path("filename").asString(), node.path("previous_filename").asString(""),
        type, node.path("additions").asInt(0), node.path("deletions").asInt(0), binary, kept.text(), cut);
  }

  private static CommitSha shaOr(JsonNode sha, CommitSha fallback) {
    String text = sha.asString("");
    return text.isEmpty() ? fallback : CommitSha.of(text);
  }
}
