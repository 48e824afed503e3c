package dev.vigil.integrations.git;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.ChangeType;
import dev.vigil.core.change.ChangedCommit;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.FileChange;
import dev.vigil.core.change.PatchBudget;
import dev.vigil.core.port.ChangeSource;
import dev.vigil.core.integration.IntegrationFailure.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads changesets from a bare clone of one remote kept under {@code <folder>/git/}. The first
 * read clones; later reads fetch only when a requested commit is missing, since a commit id
 * never changes meaning. Reads of one clone folder are serialised, across every source on it (a
 * source is made per step), because JGit does not guard a repository against two fetches at once.
 * Thread-safe.
 */
public final class GitChangeSource implements ChangeSource {
  private static final Logger log = LoggerFactory.getLogger(GitChangeSource.class);
  private static final List<RefSpec> FETCHED = List.of(
      new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

  /** One lock per clone folder; a handful per agent, kept for the life of the process. */
  private static final java.util.concurrent.ConcurrentMap<Path, Object> LOCKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final String integration;
  private final GitRemote remote;
  private final Path clone;
  private final Object lock;

  /**
   * @param folder where the clone lives, normally the agent's workspace; created if missing
   */
  public GitChangeSource(String integration, GitRemote remote, Path folder) {
    if (integration == null || integration.isBlank() || remote == null || folder == null) {
      throw new IllegalArgumentException("an integration name, a remote and a folder are required");
    }
    this.integration = integration;
    this.remote = remote;
    this.clone = folder.resolve("git").resolve(folderName(remote)).toAbsolutePath().normalize();
    this.lock = LOCKS.computeIfAbsent(clone, path -> new Object());
  }

  @Override
  public String integration() {
    return integration;
  }

  /** Where the bare clone is (or will be). */
  public Path cloneDirectory() {
    return clone;
  }

  @Override
  public Changeset changeset(String repository, CommitSha base, CommitSha head, ChangeLimits limits)
      throws IntegrationFailure {
    if (!remote.repository().equals(repository)) {
      throw new IntegrationFailure(Kind.INVALID, "integration '" + integration + "' serves repository '"
          + remote.repository() + "', not '" + repository + "'");
    }
    if (base == null || head == null || limits == null) {
      throw new IntegrationFailure(Kind.INVALID, "base, head and limits are required");
    }
    synchronized (lock) {
      try (Git git = openOrClone()) {
        Repository repo = git.getRepository();
        Optional<ObjectId> baseId = resolve(repo, base);
        Optional<ObjectId> headId = resolve(repo, head);
        if (baseId.isEmpty() || headId.isEmpty()) {
          fetch(git);
          baseId = resolve(repo, base);
          headId = resolve(repo, head);
        }
        if (baseId.isEmpty()) {
          throw notFound(base);
        }
        if (headId.isEmpty()) {
          throw notFound(head);
        }
        return read(repo, baseId.get(), headId.get(), limits);
      } catch (IOException e) {
        throw new IntegrationFailure(Kind.UNAVAILABLE,
            "cannot read the clone of " + remote.redactedUrl() + " at " + clone + ": " + e.getMessage(), e);
      }
    }
  }

  /** Reads from the clone's repository; may throw {@link IOException} for what it cannot read. */
  @FunctionalInterface
  public interface RepositoryReader<T> {
    T read(Repository repository) throws IOException;
  }

  /**
   * Brings the clone up to date with the remote (cloning first if needed) and hands its repository to
   * {@code reader} under the clone's lock. For readers of the latest files (the context graph's catalog
   * sources), where a branch moving is the point, so the fetch is not skipped.
   */
  public <T> T readFetched(RepositoryReader<T> reader) throws IntegrationFailure {
    synchronized (lock) {
      try (Git git = openOrClone()) {
        fetch(git);
        return reader.read(git.getRepository());
      } catch (IOException e) {
        throw new IntegrationFailure(Kind.UNAVAILABLE,
            "cannot read the clone of " + remote.redactedUrl() + " at " + clone + ": " + e.getMessage(), e);
      }
    }
  }

  private Changeset read(Repository repo, ObjectId baseId, ObjectId headId, ChangeLimits limits)
      throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit baseCommit = walk.parseCommit(baseId);
      RevCommit headCommit = walk.parseCommit(headId);
      List<ChangedCommit> commits = new ArrayList<>();
      boolean truncated = false;
      walk.markStart(headCommit);
      walk.markUninteresting(baseCommit);
      for (RevCommit commit : walk) {
        if (commits.size() == limits.maxCommits()) {
          truncated = true;
          break;
        }
        PersonIdent author = commit.getAuthorIdent();
        commits.add(new ChangedCommit(CommitSha.of(commit.name()), author.getName(),
            author.getEmailAddress(), author.getWhenAsInstant(), commit.getFullMessage()));
      }
      List<FileChange> files = diff(repo, baseCommit, headCommit, limits);
      if (files.size() > limits.maxFiles()) {
        files = files.subList(0, limits.maxFiles());
        truncated = true;
      }
      return new Changeset(remote.repository(), CommitSha.of(baseId.name()), CommitSha.of(headId.name()),
          commits, files, List.of(), truncated);
    }
  }

  private static List<FileChange> diff(Repository repo, RevCommit base, RevCommit head, ChangeLimits limits)
      throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(text)) {
      formatter.setRepository(repo);
      formatter.setDiffComparator(RawTextComparator.DEFAULT);
      formatter.setDetectRenames(true);
      List<DiffEntry> entries = new ArrayList<>(formatter.scan(base.getTree(), head.getTree()));
      entries.sort(Comparator.comparing(GitChangeSource::pathOf));
      PatchBudget budget = new PatchBudget(limits);
      List<FileChange> files = new ArrayList<>();
      for (DiffEntry entry : entries) {
        if (files.size() > limits.maxFiles()) {
          break; // one past the limit tells the caller it was truncated
        }
        FileHeader header = formatter.toFileHeader(entry);
        boolean binary = header.getPatchType() != FileHeader.PatchType.UNIFIED;
        int additions = 0;
        int deletions = 0;
        if (!binary) {
          for (Edit edit : header.toEditList()) {
            additions += edit.getLengthB();
            deletions += edit.getLengthA();
          }
        }
        String patch = "";
        boolean cut = false;
        if (!binary) {
          text.reset();
          formatter.format(entry);
          formatter.flush();
          PatchBudget.Kept kept = budget.take(hunks(text.toString(StandardCharsets.UTF_8)));
          patch = kept.text();
          cut = kept.truncated();
        }
        files.add(new FileChange(pathOf(entry), previousPathOf(entry), typeOf(entry.getChangeType()),
            additions, deletions, binary, patch, cut));
      }
      return files;
    }
  }

  // GitHub's `patch` field starts at the first hunk; the same shape from both sources.
  private static String hunks(String formatted) {
    int start = formatted.startsWith("@@") ? 0 : formatted.indexOf("\n@@");
    return start < 0 ? "" : formatted.substring(start == 0 ? 0 : start + 1);
  }

  private static String pathOf(DiffEntry entry) {
    return entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
  }

  private static String previousPathOf(DiffEntry entry) {
    return entry.getChangeType() == DiffEntry.ChangeType.ADD ? entry.getNewPath() : entry.getOldPath();
  }

  private static ChangeType typeOf(DiffEntry.ChangeType type) {
    return switch (type) {
      case ADD -> ChangeType.ADDED;
      case MODIFY -> ChangeType.MODIFIED;
      case DELETE -> ChangeType.DELETED;
      case RENAME -> ChangeType.RENAMED;
      case COPY -> ChangeType.COPIED;
    };
  }

  private Optional<ObjectId> resolve(Repository repo, CommitSha sha) throws IntegrationFailure, IOException {
    try {
      ObjectId id = repo.resolve(sha.value() + "^{commit}");
      return Optional.ofNullable(id);
    } catch (AmbiguousObjectException e) {
      throw new IntegrationFailure(Kind.INVALID, "commit '" + sha + "' is ambiguous in " + remote.repository()
          + ": give more digits", e);
    } catch (MissingObjectException e) {
      return Optional.empty();
    } catch (RevisionSyntaxException e) {
      throw new IntegrationFailure(Kind.INVALID, "commit '" + sha + "' is not a valid revision", e);
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      throw new IntegrationFailure(Kind.INVALID, "'" + sha + "' in " + remote.repository() + " is not a commit", e);
    }
  }

  private IntegrationFailure notFound(CommitSha sha) {
    return new IntegrationFailure(Kind.NOT_FOUND, "commit " + sha + " is not in " + remote.repository() + " ("
        + remote.redactedUrl() + "), even after fetching its branches and tags");
  }

  private Git openOrClone() throws IntegrationFailure, IOException {
    if (Files.isRegularFile(clone.resolve("HEAD"))) {
      return Git.open(clone.toFile());
    }
    Files.createDirectories(clone.getParent());
    log.info("git clone integration={} url={} into={}", integration, remote.redactedUrl(), clone);
    try (PinnedSshSessions ssh = sshSessions()) {
      try {
        Git git = Git.cloneRepository()
            .setURI(remote.url())
            .setDirectory(clone.toFile())
            .setBare(true)
            .setCloneAllBranches(true)
            .setTimeout(timeoutSeconds())
            .setCredentialsProvider(credentials())
            .setTransportConfigCallback(transport -> useSsh(transport, ssh))
            .call();
        return git;
      } catch (GitAPIException | RuntimeException e) {
        deleteQuietly(clone);
        throw remoteFailure("clone", e, ssh);
      }
    }
  }

  private void fetch(Git git) throws IntegrationFailure {
    log.info("git fetch integration={} url={}", integration, remote.redactedUrl());
    try (PinnedSshSessions ssh = sshSessions()) {
      try {
        git.fetch()
            .setRemote(remote.url())
            .setRefSpecs(FETCHED)
            .setTimeout(timeoutSeconds())
            .setCredentialsProvider(credentials())
            .setTransportConfigCallback(transport -> useSsh(transport, ssh))
            .call();
      } catch (GitAPIException | RuntimeException e) {
        throw remoteFailure("fetch", e, ssh);
      }
    }
  }

  /** Sessions with the configured key and pins, or null to leave ssh to JGit's defaults. */
  private PinnedSshSessions sshSessions() throws IntegrationFailure {
    if (remote.ssh().isEmpty()) return null;
    return PinnedSshSessions.open(remote, remote.ssh().get(), clone.getParent().resolve(".ssh-home"));
  }

  private static void useSsh(Transport transport, PinnedSshSessions ssh) {
    if (ssh != null && transport instanceof SshTransport sshTransport) {
      sshTransport.setSshSessionFactory(ssh.factory());
    }
  }

  private IntegrationFailure remoteFailure(String operation, Exception e, PinnedSshSessions ssh) {
    String where = remote.redactedUrl();
    if (ssh != null && ssh.refusedHostKey().isPresent()) {
      return new IntegrationFailure(Kind.DENIED, "git " + operation + ": the ssh host key of " + where + " ("
          + ssh.refusedHostKey().get() + ") is not pinned; add it to ssh.hostKeyFingerprint or ssh.knownHosts"
          + " once you have checked it is the server's", e);
    }
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof NoRemoteRepositoryException || cause instanceof InvalidRemoteException) {
        return new IntegrationFailure(Kind.NOT_FOUND, "git " + operation + ": no repository at " + where
            + " (or the credentials cannot see it)", e);
      }
      if (ssh != null && cause.getMessage() != null && cause.getMessage().toLowerCase(java.util.Locale.ROOT)
          .contains("authentication")) {
        return new IntegrationFailure(Kind.DENIED, "git " + operation + ": " + where + " refused the key of auth.sshKey"
            + " (is its public key authorized for the URL's user?)", e);
      }
      cause = cause.getCause();
    }
    String reason = e instanceof TransportException ? "cannot reach " + where : "failed for " + where;
    return new IntegrationFailure(Kind.UNAVAILABLE, "git " + operation + " " + reason + ": "
        + GitRemote.redacted(String.valueOf(e.getMessage())), e);
  }

  private CredentialsProvider credentials() {
    return remote.credentials()
        .map(c -> (CredentialsProvider) new UsernamePasswordCredentialsProvider(c.username(), c.password().reveal()))
        .orElse(null);
  }

  private int timeoutSeconds() {
    return (int) Math.min(Integer.MAX_VALUE, remote.timeout().toSeconds());
  }

  // Two URLs with the same owner/repo (a fork, a mirror) must not share a clone.
  private static String folderName(GitRemote remote) {
    String safe = remote.repository().replaceAll("[^A-Za-z0-9._-]", "_");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(remote.url().getBytes(StandardCharsets.UTF_8));
      return safe + "-" + HexFormat.of().formatHex(digest, 0, 4) + ".git";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void deleteQuietly(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      log.warn("git cannot remove failed clone folder={} error={}", folder, e.getMessage());
    }
  }
}
