package dev.vigil.integrations.git;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.graph.SourceFiles;
import dev.vigil.core.port.ChangeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one branch (or tag, or commit) of a Git repository, for file-based context-graph
 * sources (catalog files, CODEOWNERS): each read fetches the remote into the same bare clone that
 * changeset reads use, then reads the tree of {@code ref} without a working copy. Files larger than
 * 1 MiB, symbolic links and submodules are not read.
 */
public final class GitSourceFiles implements SourceFiles {
  static final long MAX_FILE_BYTES = 1 << 20;
  private final GitRemote remote;
  private final GitChangeSource clone;
  private final String ref;

  /**
   * @param folder where the clone lives (created if missing)
   * @param ref a branch, tag or commit; {@code HEAD} is the remote's default branch
   */
  public GitSourceFiles(GitRemote remote, Path folder, String ref) {
    if (ref == null || ref.isBlank()) {
      throw new IllegalArgumentException("git ref of " + (remote == null ? "?" : remote.redactedUrl()) + " must not be empty");
    }
    this.remote = remote;
    this.clone = new GitChangeSource("graph", remote, folder);
    this.ref = ref.strip();
  }

  @Override
  public String origin() {
    return remote.redactedUrl() + "@" + ref;
  }

  @Override
  public List<SourceFile> read(Predicate<String> wanted) throws IOException {
    try {
      return clone.readFetched(repo -> {
        ObjectId commit = repo.resolve(ref + "^{commit}");
        if (commit == null) {
          throw new IOException("ref '" + ref + "' is not in " + remote.redactedUrl());
        }
        List<SourceFile> files = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
          tree.addTree(walk.parseCommit(commit).getTree());
          tree.setRecursive(true);
          while (tree.next()) {
            String path = tree.getPathString();
            if (!FileMode.REGULAR_FILE.equals(tree.getFileMode(0)) && !FileMode.EXECUTABLE_FILE.equals(tree.getFileMode(0))
                || !wanted.test(path)) {
              continue;
            }
            ObjectLoader loader = repo.open(tree.getObjectId(0));
            if (loader.getSize() > MAX_FILE_BYTES) {
              throw new IOException("file " + path + " in " + origin() + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            try {
              files.add(new SourceFile(path, StandardCharsets.UTF_8.newDecoder()
                  .decode(ByteBuffer.wrap(loader.getBytes())).toString()));
            } catch (CharacterCodingException e) {
              throw new IOException("file " + path + " in " + origin() + " is not UTF-8 text", e);
            }
          }
        }
        return files;
      });
    } catch (IntegrationFailure e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
