package dev.vigil.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** How tests that read the benchmark data treat its absence. */
public final class RequiredBenchData {
  private RequiredBenchData() {}

  /**
   * The data sub-directory {@code name} (e.g. {@code nab}, {@code loghub-2k/original}). When it is missing the
   * test is skipped with a message saying where it was looked for, except under {@code CI=true}, where the data
   * is part of the environment and its absence is a broken setup that must fail, not skip.
   */
  public static Path dir(String name) {
    Path dir = BenchData.root().resolve(name);
    if (!BenchData.present(dir)) {
      assertThat("true".equals(System.getenv("CI"))).as(BenchData.missing(dir)).isFalse();
      assumeTrue(false, BenchData.missing(dir));
    }
    return dir;
  }
}
