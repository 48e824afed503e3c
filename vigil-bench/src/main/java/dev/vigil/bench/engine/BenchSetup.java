package dev.vigil.bench.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the engine benchmark runs with: the server jar and JVM options {@code ./vigil} uses, the
 * JDK's tools, and the throwaway PostgreSQL the launcher started (if any).
 *
 * @param postgresUrl JDBC URL of a PostgreSQL database whose user may create databases
 */
public record BenchSetup(Path java, Path jcmd, Path serverJar, List<String> jvmOptions, Path workDir,
    Optional<String> postgresUrl, String postgresUser, String postgresPassword) {

  public static BenchSetup fromEnvironment(Path workDir) {
    Path home = Path.of(System.getProperty("java.home"));
    String jar = System.getProperty("vigil.server.jar", "");
    if (jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("the server jar is missing ('" + jar + "'): run the benchmark through ./vigil bench engine (or console)");
    }
    String opts = System.getProperty("vigil.server.jvmOptions", "").trim();
    String pg = System.getenv().getOrDefault("VIGIL_TEST_PG_URL", "");
    return new BenchSetup(home.resolve("bin/java"), home.resolve("bin/jcmd"), Path.of(jar),
        opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+")), workDir,
        pg.isBlank() ? Optional.empty() : Optional.of(pg),
        System.getenv().getOrDefault("VIGIL_TEST_PG_USER", ""),
        System.getenv().getOrDefault("VIGIL_TEST_PG_PASSWORD", ""));
  }
}
