package dev.vigil.core.change;

import java.util.List;

/**
 * What changed from {@code base} to {@code head}: the commits reachable from head but not from
 * base (newest first), the files that differ between the two trees, and the pull requests of the
 * head commit when the source knows them (a plain Git source does not).
 *
 * @param repository the repository as the caller named it (e.g. {@code owner/repo})
 * @param truncated whether commits or files were left out to stay within {@link ChangeLimits};
 *     cut patches are marked on their {@link FileChange}
 */
public record Changeset(
    String repository,
    CommitSha base,
    CommitSha head,
    List<ChangedCommit> commits,
    List<FileChange> files,
    List<PullRequestRef> pullRequests,
    boolean truncated) {
  public Changeset {
    if (repository == null || repository.isBlank()) {
      throw new IllegalArgumentException("repository must not be empty");
    }
    if (base == null || head == null) {
      throw new IllegalArgumentException("base and head are required");
    }
    commits = List.copyOf(commits);
    files = List.copyOf(files);
    pullRequests = List.copyOf(pullRequests);
  }

  public int additions() {
    return files.stream().mapToInt(FileChange::additions).sum();
  }

  public int deletions() {
    return files.stream().mapToInt(FileChange::deletions).sum();
  }
}
