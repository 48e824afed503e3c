package dev.vigil.bench.engine;

import dev.vigil.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One fresh database for one measurement: an embedded H2 folder, or a new database on the
 * benchmark's PostgreSQL server (dropped afterwards). The server process and the benchmark's own
 * in-process engine open the same one, one after the other (H2 allows one process at a time).
 */
public final class BenchDatabase implements AutoCloseable {
  private final String kind;
  private final Path dataDir;
  private final String url;
  private final BenchSetup setup;

  private BenchDatabase(String kind, Path dataDir, String url, BenchSetup setup) {
    this.kind = kind;
    this.dataDir = dataDir;
    this.url = url;
    this.setup = setup;
  }

  /** Set by --keep: databases stay for inspection. */
  static volatile boolean keep;

  public static BenchDatabase create(String kind, BenchSetup setup, String label) throws IOException, SQLException {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Path dataDir = Files.createDirectories(setup.workDir().resolve(kind + "-" + label + "-" + suffix));
    if (kind.equals("h2")) {
      return new BenchDatabase(kind, dataDir, "", setup);
    }
    String admin = setup.postgresUrl().orElseThrow(() -> new IllegalStateException(
        "PostgreSQL is not configured (VIGIL_TEST_PG_URL): run through ./vigil bench engine, which starts one"));
    String name = "vigil_bench_" + suffix;
    try (Connection c = DriverManager.getConnection(admin, setup.postgresUser(), setup.postgresPassword())) {
      c.createStatement().execute("create database " + name);
    }
    return new BenchDatabase(kind, dataDir, admin.substring(0, admin.lastIndexOf('/') + 1) + name, setup);
  }

  String kind() {
    return kind;
  }

  Path dataDir() {
    return dataDir;
  }

  /** Where the server keeps this data folder's workspaces. */
  Path workspaces() {
    return dataDir.resolve("workspaces");
  }

  /** The server's settings for this database. */
  public Map<String, String> serverEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_DATA_DIR", dataDir.toString());
    if (!url.isEmpty()) {
      env.put("VIGIL_DB_URL", url);
      env.put("VIGIL_DB_USER", setup.postgresUser());
      env.put("VIGIL_DB_PASSWORD", setup.postgresPassword());
    }
    return env;
  }

  /** Opens it in this process (migrating it), exactly as the server would. */
  public Database open() {
    return url.isEmpty() ? Database.embedded(dataDir.resolve("db"), 20) : Database.open(url, setup.postgresUser(), setup.postgresPassword(), 20);
  }

  @Override
  public void close() throws SQLException {
    if (url.isEmpty() || keep) return;
    String admin = setup.postgresUrl().orElseThrow();
    try (Connection c = DriverManager.getConnection(admin, setup.postgresUser(), setup.postgresPassword())) {
      c.createStatement().execute("drop database if exists " + url.substring(url.lastIndexOf('/') + 1) + " with (force)");
    }
  }
}
