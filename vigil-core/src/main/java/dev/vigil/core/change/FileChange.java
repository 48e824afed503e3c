package dev.vigil.core.change;

/**
 * One changed file.
 *
 * @param path the path at the head (for a deleted file, the path it had)
 * @param previousPath the path at the base for renames and copies; otherwise equal to {@code path}
 * @param additions lines added (0 for binary files)
 * @param deletions lines removed (0 for binary files)
 * @param binary whether the content is binary, in which case there is no patch
 * @param patch the unified diff hunks, empty when binary, too large or not provided by the source
 * @param patchTruncated whether {@code patch} was cut (or left out) to stay within the limits
 */
public record FileChange(
    String path,
    String previousPath,
    ChangeType type,
    int additions,
    int deletions,
    boolean binary,
    String patch,
    boolean patchTruncated) {
  public FileChange {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("file path must not be empty");
    }
    if (type == null) {
      throw new IllegalArgumentException("change type of '" + path + "' is required");
    }
    if (additions < 0 || deletions < 0) {
      throw new IllegalArgumentException("line counts of '" + path + "' must not be negative");
    }
    previousPath = previousPath == null || previousPath.isBlank() ? path : previousPath;
    patch = patch == null ? "" : patch;
  }
}
