package dev.vigil.tasks.deploywatch;

import dev.vigil.core.change.ChangeLimits;
import dev.vigil.core.change.ChangedCommit;
import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.change.FileChange;
import dev.vigil.core.event.Event;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.port.ChangeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy brought: the commits and files from the previously deployed commit of the same service
 * and environment to the deployed one, each commit with the paths it touched, so that a regression can be
 * laid at the commits that touched the regressed service.
 *
 * @param base the previously deployed commit
 * @param head the deployed commit
 * @param commits newest first, each with its own paths when they could be attributed
 * @param files every path that differs between base and head
 * @param truncated whether the source left commits or files out
 * @param attributed whether each commit's paths were read (not when the range has too many commits)
 * @param pullRequests the deployed commit's pull requests, when the source knows them (GitHub), e.g.
 *     {@code #42 "New tax calculation" (tbecker)}
 */
record ChangeRange(String repository, String base, String head, List<Commit> commits, List<String> files,
    boolean truncated, boolean attributed, List<String> pullRequests) {
  /** Past this many commits, the commits' own paths are not read one by one (one read each). */
  static final int MAX_ATTRIBUTED = 25;
  /** Paths only: the plan and the attribution need no patch. */
  private static final ChangeLimits PATHS = new ChangeLimits(200, 500, 0, 0);

  /** The label keys a deploy event may name the previously deployed commit with. */
  private static final List<String> PREVIOUS_LABELS = List.of("previousSha", "previous_sha", "before");

  ChangeRange {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(head, "head");
    commits = List.copyOf(commits);
    files = List.copyOf(files);
    pullRequests = List.copyOf(pullRequests);
  }

  ChangeRange(String repository, String base, String head, List<Commit> commits, List<String> files,
      boolean truncated, boolean attributed) {
    this(repository, base, head, commits, files, truncated, attributed, List.of());
  }

  /**
   * One commit of the range.
   *
   * @param paths the paths it changed against the commit before it in the range; empty when not attributed
   * @param services the services those paths belong to
   */
  record Commit(String sha, String title, String author, List<String> paths, List<String> services) {
    Commit {
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(author, "author");
      paths = List.copyOf(paths);
      services = List.copyOf(services);
    }

    String shortSha() {
      return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /** {@code be309e1 "new tax calculation" (Tom Becker)}. */
    String describe() {
      return shortSha() + " \"" + title + "\" (" + (author.isEmpty() ? "unknown author" : author) + ")";
    }
  }

  /**
   * Where the previously deployed commit was found: the deploy event itself (label {@code previousSha},
   * {@code previous_sha} or {@code before}), else the newest deploy of the same service and environment
   * that woke an earlier run of this task before this deploy, with a different commit.
   *
   * @param how one phrase for the plan post, e.g. {@code from the deploy event}
   */
  record Previous(String sha, String how) {
  }

  static Optional<Previous> previous(DeployNotice deploy, Map<String, String> labels, List<Event> earlier) {
    for (String key : PREVIOUS_LABELS) {
      String sha = labels.getOrDefault(key, "").strip();
      if (isSha(sha) && !sha.equalsIgnoreCase(deploy.sha())) {
        return Optional.of(new Previous(sha, "named by the deploy event"));
      }
    }
    return earlier.stream().flatMap(e -> DeployNotice.from(e, new StringBuilder()).stream())
        .filter(o -> o.service().equals(deploy.service()) && o.environment().equals(deploy.environment())
            && o.deployedAt().isBefore(deploy.deployedAt()) && isSha(o.sha()) && !o.sha().equalsIgnoreCase(deploy.sha()))
        .max(java.util.Comparator.comparing(DeployNotice::deployedAt))
        .map(o -> new Previous(o.sha(), "the deploy of " + o.version() + " at " + o.deployedAt() + " watched before"));
  }

  static boolean isSha(String text) {
    return text != null && text.matches("[0-9a-fA-F]{7,64}");
  }

  /**
   * Reads the range, then each commit's own paths when there are at most {@link #MAX_ATTRIBUTED}: a commit's
   * paths are the difference to the commit before it in the range (its parent on a straight history; on a
   * merge, what the merge brought in), and the oldest one's to the base.
   *
   * @throws IntegrationFailure when the source cannot answer
   */
  static ChangeRange read(ChangeSource source, String repository, String base, String head,
      java.util.function.Function<List<String>, List<String>> servicesOf) throws IntegrationFailure {
    Changeset all = source.changeset(repository, CommitSha.of(base), CommitSha.of(head), PATHS);
    List<ChangedCommit> commits = all.commits();
    boolean attribute = commits.size() <= MAX_ATTRIBUTED && !all.truncated();
    List<Commit> out = new ArrayList<>();
    for (int i = 0; i < commits.size(); i++) {
      ChangedCommit c = commits.get(i);
      List<String> paths = List.of();
      if (attribute) {
        CommitSha before = i + 1 < commits.size() ? commits.get(i + 1).sha() : all.base();
        paths = paths(source.changeset(repository, before, c.sha(), PATHS).files());
      }
      out.add(new Commit(c.sha().value(), c.subject(), c.author(), paths, servicesOf.apply(paths)));
    }
    List<String> pulls = all.pullRequests().stream().map(pr -> "#" + pr.number() + " \"" + pr.title() + "\""
        + (pr.author().isEmpty() ? "" : " (" + pr.author() + ")")).toList();
    return new ChangeRange(repository, base, head, out, paths(all.files()), all.truncated(), attribute, pulls);
  }

  private static List<String> paths(List<FileChange> files) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (FileChange f : files) {
      out.add(f.path());
      out.add(f.previousPath());
    }
    return List.copyOf(out);
  }

  /** As stored in the step's output (plain values), and back. */
  Map<String, Object> toOutput() {
    List<Map<String, Object>> c = commits.stream().map(x -> Map.<String, Object>of("sha", x.sha(), "title", x.title(),
        "author", x.author(), "paths", x.paths(), "services", x.services())).toList();
    return Map.of("repository", repository, "base", base, "head", head, "commits", c, "files", files,
        "truncated", truncated, "attributed", attributed, "pullRequests", pullRequests);
  }

  @SuppressWarnings("unchecked")
  static ChangeRange fromOutput(Map<String, Object> m) {
    List<Commit> commits = ((List<Map<String, Object>>) m.get("commits")).stream().map(c -> new Commit(
        (String) c.get("sha"), (String) c.get("title"), (String) c.get("author"), (List<String>) c.get("paths"),
        (List<String>) c.get("services")))
        .toList();
    return new ChangeRange((String) m.get("repository"), (String) m.get("base"), (String) m.get("head"), commits,
        (List<String>) m.get("files"), (Boolean) m.get("truncated"), (Boolean) m.get("attributed"),
        (List<String>) m.getOrDefault("pullRequests", List.of()));
  }
}
