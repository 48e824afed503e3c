package dev.vigil.integrations.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The temporary directories the integration tests write their fixtures and configurations into. */
public final class TempDirs {
  private TempDirs() {}

  /** Deletes {@code dir} with everything in it, deepest first; nothing when it is null (set-up never made it). */
  public static void delete(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
