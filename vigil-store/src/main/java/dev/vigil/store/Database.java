package dev.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's database: a connection pool on the embedded H2 file database or on PostgreSQL, migrated
 * to the current schema when opened. Thread-safe; close it once at shutdown.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource pool;
  private final DataSource transactional;
  private final JdbcTransactor transactor;
  private final boolean postgres;

  private Database(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
    this.transactor = new JdbcTransactor(pool);
    this.transactional = new TransactionBoundDataSource(pool, transactor);
  }

  /** Opens (creating if needed) the embedded database under {@code dataDir}. */
  public static Database embedded(Path dataDir) {
    return embedded(dataDir, 10);
  }

  /** As {@link #embedded(Path)}, with at most {@code maxConnections} pooled connections. */
  public static Database embedded(Path dataDir, int maxConnections) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create data folder " + dataDir + ": " + e.getMessage(), e);
    }
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("vigil")
        // WRITE_DELAY=0: a commit reaches the file at once, so a killed process loses nothing it
        // acknowledged (H2 otherwise buffers commits for up to a second; the crash test caught it).
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    return open(url, "vigil", "", maxConnections);
  }

  /** Opens a private in-memory H2 database (tests and benchmarks). */
  public static Database inMemory(String name) {
    return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000",
        "sa", "", 10);
  }

  /**
   * Opens the database at {@code jdbcUrl} (H2 or PostgreSQL) and migrates it.
   *
   * @throws IllegalStateException saying which database could not be reached and why
   */
  public static Database open(String jdbcUrl, String user, String password, int maxConnections) {
    boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
    if (!postgres && !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("database URL '" + redact(jdbcUrl)
          + "' is not supported: use jdbc:postgresql://host:port/db (or leave it unset for the embedded database)");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(Math.min(2, maxConnections));
    config.setPoolName("vigil");
    config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    config.setInitializationFailTimeout(Duration.ofSeconds(30).toMillis());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to the database at " + redact(jdbcUrl) + ": "
          + rootMessage(e), e);
    }
    try {
      var result = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
          .failOnMissingLocations(true).load().migrate();
      if (result.migrationsExecuted > 0) {
        log.info("database migrated url={} migrations={} version={}", redact(jdbcUrl),
            result.migrationsExecuted, result.targetSchemaVersion);
      }
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException("cannot migrate the database at " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new Database(pool, postgres);
  }

  /** Connections that join the current {@link JdbcTransactor} transaction when there is one. */
  public DataSource dataSource() {
    return transactional;
  }

  /** The pool itself, for components that manage their own transactions (the scheduler). */
  public DataSource rawDataSource() {
    return pool;
  }

  public JdbcTransactor transactor() {
    return transactor;
  }

  public boolean isPostgres() {
    return postgres;
  }

  /** Whether a connection can be had and answers, within a second. */
  public boolean isReachable() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(1);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  public int activeConnections() {
    var mx = pool.getHikariPoolMXBean();
    return mx == null ? 0 : mx.getActiveConnections();
  }

  @Override
  public void close() {
    pool.close();
  }

  /** Drops credentials that some users put into URLs. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
