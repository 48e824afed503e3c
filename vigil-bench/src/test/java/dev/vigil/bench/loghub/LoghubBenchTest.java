package dev.vigil.bench.loghub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.bench.nab.RequiredBenchData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Two systems as a smoke test of reading and scoring; {@code ./vigil bench loghub} runs all sixteen. */
class LoghubBenchTest {
  private static Path original() {
    return RequiredBenchData.dir("loghub-2k/original");
  }

  @Test
  void hdfs_and_apache_are_grouped_at_least_as_well_as_published_drain() {
    Path dir = original();
    // Published Drain GA: HDFS 0.998, Apache 1.0.
    LoghubBench.SystemResult hdfs = LoghubBench.evaluate(LoghubSystem.read(dir.resolve("HDFS"), false));
    LoghubBench.SystemResult apache = LoghubBench.evaluate(LoghubSystem.read(dir.resolve("Apache"), false));
    assertThat(hdfs.score().lines()).isEqualTo(2000);
    assertThat(hdfs.score().ga()).isGreaterThanOrEqualTo(0.9975);
    assertThat(apache.score().ga()).isEqualTo(1.0);
  }
}
