package dev.vigil.core.change;

/**
 * Bounds on what a changeset read may return, so that a huge merge cannot flood a step or a
 * prompt. Past a bound the changeset says it is truncated rather than failing.
 *
 * @param maxCommits commits kept, newest first
 * @param maxFiles files kept, in path order
 * @param maxPatchBytesPerFile UTF-8 bytes of one file's patch; a longer patch is cut at a line end
 * @param maxPatchBytesTotal UTF-8 bytes of all patches together; later files get none
 */
public record ChangeLimits(
    int maxCommits, int maxFiles, int maxPatchBytesPerFile, int maxPatchBytesTotal) {
  public static final ChangeLimits DEFAULT = new ChangeLimits(250, 300, 64 * 1024, 1024 * 1024);

  public ChangeLimits {
    if (maxCommits < 1 || maxFiles < 1) {
      throw new IllegalArgumentException("maxCommits and maxFiles must be at least 1");
    }
    if (maxPatchBytesPerFile < 0 || maxPatchBytesTotal < 0) {
      throw new IllegalArgumentException("patch limits must not be negative");
    }
  }
}
