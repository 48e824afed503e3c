package dev.vigil.server.integrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Real payloads from the shared bench data, read in place: VIGIL_BENCH_DATA, else ../shared/bench
 * beside the repository. Missing data fails the test under CI=true and skips it elsewhere.
 */
final class Payloads {
  private Payloads() {}

  static Path benchData() {
    String env = System.getenv("VIGIL_BENCH_DATA");
    Path root = env != null && !env.isBlank() ? Path.of(env)
        // Tests run in the module folder; the repository is its parent, shared/ sits beside it.
        : Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("bench");
    if (!Files.isDirectory(root.resolve("payloads"))) {
      String message = "bench payloads not found at " + root + ": set VIGIL_BENCH_DATA to the bench data folder";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    return root;
  }

  static byte[] github(String event, String file) {
    return read(benchData().resolve("payloads/github").resolve(event).resolve(file));
  }

  static byte[] alertmanager(String file) {
    return read(benchData().resolve("payloads/alertmanager/generated-alertmanager-0.25.0-debian").resolve(file));
  }

  static byte[] slack(String file) {
    return read(benchData().resolve("payloads/slack").resolve(file));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read payload " + file, e);
    }
  }
}
