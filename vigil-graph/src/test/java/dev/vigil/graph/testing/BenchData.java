package dev.vigil.graph.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared bench data, read in place: {@code VIGIL_BENCH_DATA}, else {@code ../shared/bench}
 * beside the repository. Absent data skips the test with a message saying what to set, except under
 * {@code CI=true}, where a test that silently skips would hide a broken pipeline.
 */
public final class BenchData {
  private BenchData() {}

  public static Path payloads(String folder) {
    String env = System.getenv("VIGIL_BENCH_DATA");
    Path root = env != null && !env.isBlank() ? Path.of(env) : repositoryRoot().resolveSibling("shared").resolve("bench");
    Path path = root.resolve("payloads").resolve(folder);
    if (!Files.isDirectory(path)) {
      String message = "bench data " + path + " not found: set VIGIL_BENCH_DATA to the shared bench folder";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    return path;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }
}
