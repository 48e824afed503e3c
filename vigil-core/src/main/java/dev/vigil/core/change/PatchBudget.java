package dev.vigil.core.change;

import java.nio.charset.StandardCharsets;

/**
 * Hands out the patch bytes a {@link ChangeLimits} allows while a changeset is assembled: each
 * file's patch is cut at a line end to the per-file bound, and once the total is spent later
 * files get none. Cutting at a line end keeps every line a reader sees whole. Not thread-safe: one
 * budget serves one changeset read.
 */
public final class PatchBudget {
  /** A patch as kept: {@code text} is a prefix of the original ending at a line end. */
  public record Kept(String text, boolean truncated) {}

  private final int perFile;
  private int remaining;

  public PatchBudget(ChangeLimits limits) {
    this.perFile = limits.maxPatchBytesPerFile();
    this.remaining = limits.maxPatchBytesTotal();
  }

  /** Takes as much of {@code patch} as the budget allows and charges it. */
  public Kept take(String patch) {
    if (patch == null || patch.isEmpty()) {
      return new Kept("", false);
    }
    byte[] bytes = patch.getBytes(StandardCharsets.UTF_8);
    int allowed = Math.min(perFile, remaining);
    if (bytes.length <= allowed) {
      remaining -= bytes.length;
      return new Kept(patch, false);
    }
    int end = lastLineEnd(bytes, allowed);
    remaining -= end;
    return new Kept(new String(bytes, 0, end, StandardCharsets.UTF_8), true);
  }

  /** Bytes still available to later patches. */
  public int remaining() {
    return remaining;
  }

  // The cut lands after a '\n', which is never inside a multi-byte UTF-8 sequence.
  private static int lastLineEnd(byte[] bytes, int limit) {
    for (int i = Math.min(limit, bytes.length) - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }
}
