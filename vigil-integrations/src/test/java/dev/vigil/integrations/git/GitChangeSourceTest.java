package dev.vigil.integrations.git;

import dev.vigil.core.integration.IntegrationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.ChangeType;
import dev.vigil.core.change.ChangedCommit;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.FileChange;
import dev.vigil.core.security.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changesets read through a file:// URL from a real repository built here with JGit: an initial
 * commit, then one that edits, renames, deletes and changes a binary file, then a large file.
 */
class GitChangeSourceTest {
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  @TempDir Path temp;
  private Path upstreamDir;
  private Git upstream;
  private RevCommit initial;
  private RevCommit refactor;
  private RevCommit bulk;
  private Path workspace;

  @BeforeEach
  void createUpstream() throws Exception {
    upstreamDir = temp.resolve("acme/shop");
    Files.createDirectories(upstreamDir);
    workspace = temp.resolve("workspace/deploy-watch");
    upstream = Git.init().setDirectory(upstreamDir.toFile()).setInitialBranch("main").call();
    write("README.md", "# Shop\n\nSells things.\nTo everyone.\n");
    write("src/App.java", "class App {\n  int port = 8080;\n  void run() {}\n}\n");
    write("old.txt", "legacy\nstuff\n");
    Files.write(upstreamDir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2, 0, 3});
    initial = commit("Initial shop", "Ada", "ada@example.com", T0);

    write("src/App.java", "class App {\n  int port = 9090;\n  int threads = 8;\n  void run() {}\n  void stop() {}\n}\n");
    Files.createDirectories(upstreamDir.resolve("docs"));
    Files.move(upstreamDir.resolve("README.md"), upstreamDir.resolve("docs/README.md"));
    Files.delete(upstreamDir.resolve("old.txt"));
    Files.write(upstreamDir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 9, 9, 0, 4, 0});
    refactor = commit("Move port to 9090\n\nThe load balancer expects it.", "Grace", "grace@example.com",
        T0.plusSeconds(3600));

    write("big.txt", IntStream.rangeClosed(1, 1000).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));
    bulk = commit("Add big file", "Ada", "ada@example.com", T0.plusSeconds(7200));
  }

  @AfterEach
  void close() {
    upstream.close();
  }

  private GitChangeSource source() {
    return new GitChangeSource("git-shop", GitRemote.of(upstreamDir.toUri().toString()), workspace);
  }

  @Test
  void a_changeset_lists_commits_newest_first_with_author_time_and_message() throws Exception {
    Changeset changes = source().changeset("acme/shop", sha(initial), sha(bulk));

    assertThat(changes.repository()).isEqualTo("acme/shop");
    assertThat(changes.base()).isEqualTo(sha(initial));
    assertThat(changes.head()).isEqualTo(sha(bulk));
    assertThat(changes.commits()).extracting(ChangedCommit::sha).containsExactly(sha(bulk), sha(refactor));
    ChangedCommit second = changes.commits().get(1);
    assertThat(second.author()).isEqualTo("Grace");
    assertThat(second.authorEmail()).isEqualTo("grace@example.com");
    assertThat(second.time()).isEqualTo(T0.plusSeconds(3600));
    assertThat(second.subject()).isEqualTo("Move port to 9090");
    assertThat(second.message()).contains("The load balancer expects it.");
    assertThat(changes.truncated()).isFalse();
    assertThat(changes.pullRequests()).isEmpty();
  }

  @Test
  void files_carry_renames_deletes_binary_changes_and_line_counts() throws Exception {
    Changeset changes = source().changeset("acme/shop", sha(initial), sha(bulk));

    assertThat(changes.files()).extracting(FileChange::path)
        .containsExactly("big.txt", "docs/README.md", "logo.png", "old.txt", "src/App.java");
    FileChange big = file(changes, "big.txt");
    assertThat(big.type()).isEqualTo(ChangeType.ADDED);
    assertThat(big.additions()).isEqualTo(1000);
    assertThat(big.deletions()).isZero();
    FileChange readme = file(changes, "docs/README.md");
    assertThat(readme.type()).isEqualTo(ChangeType.RENAMED);
    assertThat(readme.previousPath()).isEqualTo("README.md");
    assertThat(readme.additions() + readme.deletions()).isZero();
    FileChange logo = file(changes, "logo.png");
    assertThat(logo.type()).isEqualTo(ChangeType.MODIFIED);
    assertThat(logo.binary()).isTrue();
    assertThat(logo.patch()).isEmpty();
    FileChange old = file(changes, "old.txt");
    assertThat(old.type()).isEqualTo(ChangeType.DELETED);
    assertThat(old.deletions()).isEqualTo(2);
    FileChange app = file(changes, "src/App.java");
    assertThat(app.type()).isEqualTo(ChangeType.MODIFIED);
    assertThat(app.additions()).isEqualTo(3);
    assertThat(app.deletions()).isEqualTo(1);
    assertThat(app.patch()).startsWith("@@ ")
        .contains("-  int port = 8080;\n", "+  int port = 9090;\n", "+  void stop() {}\n")
        .doesNotContain("diff --git");
    assertThat(changes.additions()).isEqualTo(1003);
    assertThat(changes.deletions()).isEqualTo(3);
  }

  @Test
  void the_clone_is_bare_in_the_workspace_and_a_later_commit_is_fetched() throws Exception {
    GitChangeSource source = source();
    source.changeset("acme/shop", sha(initial), sha(refactor));
    assertThat(source.cloneDirectory()).startsWith(workspace);
    assertThat(source.cloneDirectory().resolve("HEAD")).isRegularFile();
    assertThat(source.cloneDirectory().resolve("src")).doesNotExist();

    write("src/App.java", "class App {}\n");
    RevCommit later = commit("Simplify", "Ada", "ada@example.com", T0.plusSeconds(9000));
    Changeset changes = source.changeset("acme/shop", sha(bulk), sha(later));

    assertThat(changes.commits()).extracting(ChangedCommit::sha).containsExactly(sha(later));
    assertThat(file(changes, "src/App.java").deletions()).isEqualTo(6);
  }

  @Test
  void sources_made_per_step_on_one_workspace_share_the_clone_without_corrupting_it() throws Exception {
    int readers = 6;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(readers);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Changeset>> reads = new java.util.ArrayList<>();
      for (int i = 0; i < readers; i++) {
        reads.add(pool.submit(() -> {
          start.await();
          return source().changeset("acme/shop", sha(initial), sha(bulk));
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<Changeset> read : reads) {
        assertThat(read.get(30, java.util.concurrent.TimeUnit.SECONDS).files()).hasSize(5);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void abbreviated_shas_resolve_to_full_ones() throws Exception {
    Changeset changes = source().changeset("acme/shop",
        CommitSha.of(initial.name().substring(0, 10)), CommitSha.of(refactor.name().substring(0, 10)));

    assertThat(changes.base()).isEqualTo(sha(initial));
    assertThat(changes.head()).isEqualTo(sha(refactor));
  }

  @Test
  void an_unknown_sha_is_not_found_and_named() {
    CommitSha unknown = CommitSha.of("0123456789abcdef0123456789abcdef01234567");

    assertThatThrownBy(() -> source().changeset("acme/shop", sha(initial), unknown))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.NOT_FOUND);
          assertThat(f.retryable()).isFalse();
        })
        .hasMessageContaining(unknown.value())
        .hasMessageContaining("acme/shop");
  }

  @Test
  void another_repository_name_is_refused() {
    assertThatThrownBy(() -> source().changeset("acme/billing", sha(initial), sha(bulk)))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.INVALID))
        .hasMessageContaining("serves repository 'acme/shop'");
  }

  @Test
  void a_missing_repository_is_not_found_and_leaves_no_clone_behind() {
    GitChangeSource source = new GitChangeSource("git-gone",
        GitRemote.of(temp.resolve("acme/gone").toUri().toString()), workspace);

    assertThatThrownBy(() -> source.changeset("acme/gone", sha(initial), sha(bulk)))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.NOT_FOUND))
        .hasMessageContaining("no repository at");
    assertThat(source.cloneDirectory()).doesNotExist();
  }

  @Test
  void an_unreachable_remote_is_retryable_and_its_password_never_shown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    GitRemote remote = new GitRemote("http://ci:hunter2@127.0.0.1:" + closedPort + "/acme/shop.git",
        "acme/shop", Optional.of(new GitRemote.Credentials("ci", new Secret("hunter2"))), Duration.ofSeconds(2));
    GitChangeSource source = new GitChangeSource("git-down", remote, workspace);

    assertThatThrownBy(() -> source.changeset("acme/shop", sha(initial), sha(bulk)))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.retryable()).isTrue())
        .hasMessageContaining("127.0.0.1:" + closedPort)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void a_remote_that_accepts_but_never_answers_is_abandoned_at_the_timeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor = Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      GitRemote remote = GitRemote.of("http://127.0.0.1:" + silent.getLocalPort() + "/acme/shop.git")
          .withTimeout(Duration.ofSeconds(1));
      GitChangeSource source = new GitChangeSource("git-silent", remote, workspace);
      long started = System.nanoTime();

      assertThatThrownBy(() -> source.changeset("acme/shop", sha(initial), sha(bulk)))
          .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.UNAVAILABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(held).isNotEmpty();
      silent.close();
      acceptor.join(Duration.ofSeconds(5));
      for (java.net.Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void limits_cut_commits_files_and_patches_at_line_ends() throws Exception {
    Changeset fewCommits = source().changeset("acme/shop", sha(initial), sha(bulk), new ChangeLimits(1, 300, 200, 10_000));
    assertThat(fewCommits.commits()).extracting(ChangedCommit::sha).containsExactly(sha(bulk));
    assertThat(fewCommits.truncated()).isTrue();
    FileChange big = file(fewCommits, "big.txt");
    assertThat(big.patchTruncated()).isTrue();
    assertThat(big.patch().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
    assertThat(big.patch()).startsWith("@@ ").endsWith("\n");
    assertThat(big.additions()).isEqualTo(1000);

    Changeset fewFiles = source().changeset("acme/shop", sha(initial), sha(bulk), new ChangeLimits(10, 2, 64, 64));
    assertThat(fewFiles.files()).extracting(FileChange::path).containsExactly("big.txt", "docs/README.md");
    assertThat(fewFiles.truncated()).isTrue();
  }

  @Test
  void repositories_are_named_after_their_url() {
    assertThat(GitRemote.of("https://github.com/acme/shop.git").repository()).isEqualTo("acme/shop");
    assertThat(GitRemote.of("git@github.com:acme/shop.git").repository()).isEqualTo("acme/shop");
    assertThat(GitRemote.of("ssh://git@git.example.com:2222/acme/shop").repository()).isEqualTo("acme/shop");
    assertThat(GitRemote.of("https://u:p@git.example.com/acme/shop/").redactedUrl())
        .isEqualTo("https://git.example.com/acme/shop/");
  }

  private static FileChange file(Changeset changes, String path) {
    return changes.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
  }

  private static CommitSha sha(RevCommit commit) {
    return CommitSha.of(commit.name());
  }

  private void write(String path, String text) throws IOException {
    Path file = upstreamDir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private RevCommit commit(String message, String name, String email, Instant when) throws Exception {
    upstream.add().addFilepattern(".").call();
    upstream.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent(name, email, when, ZoneOffset.UTC);
    return upstream.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
  }
}
