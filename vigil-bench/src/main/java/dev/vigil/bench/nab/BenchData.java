package dev.vigil.bench.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the public benchmark data lives. It is read in place, never copied into the project, and found through
 * one setting: the environment variable {@code VIGIL_BENCH_DATA}, by default {@code ../shared/bench} relative
 * to the working directory (the repository root when run by {@code ./vigil}). Maven runs tests inside the
 * module's directory, so when the default does not exist there it is also tried one level up.
 */
public final class BenchData {
  /** The environment variable naming the data directory. */
  public static final String ENV = "VIGIL_BENCH_DATA";

  private BenchData() {}

  /** The data directory (not checked for existence). */
  public static Path root() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    Path fromHere = Path.of("../shared/bench").toAbsolutePath().normalize();
    Path fromParent = Path.of("../../shared/bench").toAbsolutePath().normalize();
    return Files.isDirectory(fromHere) || !Files.isDirectory(fromParent) ? fromHere : fromParent;
  }

  /** A sub-directory of the data directory, e.g. {@code nab}. */
  public static Path dir(String name) {
    return root().resolve(name);
  }

  /** True when {@code dir} exists and is a directory. */
  public static boolean present(Path dir) {
    return Files.isDirectory(dir);
  }

  /** The message to print or assume with when the data is missing. */
  public static String missing(Path dir) {
    return "benchmark data not found at " + dir + " (set " + ENV + " to the folder holding nab/ and loghub-2k/)";
  }
}
