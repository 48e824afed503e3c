package dev.vigil.core.graph;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * The text files a file-based source reads (catalog files, CODEOWNERS), wherever they live: a local
 * folder or a commit of a Git repository. Paths are relative, with {@code /} separators.
 */
public interface SourceFiles {
  /** Where the files come from, for messages: a folder path or a repository URL without credentials. */
  String origin();

  /**
   * The files whose relative path {@code wanted} accepts, in path order.
   *
   * @throws IOException when the folder or repository cannot be read at all
   */
  List<SourceFile> read(Predicate<String> wanted) throws IOException;

  /** One file's relative path and its text (UTF-8). */
  record SourceFile(String path, String text) {
    public SourceFile {
      if (path == null || path.isBlank() || text == null) {
        throw new IllegalArgumentException("source file needs a path and a text");
      }
    }
  }
}
