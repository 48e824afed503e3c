package dev.vigil.store.testing;

import dev.vigil.store.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, migrated databases for tests: a private in-memory H2, or a new database on the real
 * PostgreSQL that {@code ./vigil test} starts ({@code scripts/postgres.sh}) and describes in
 * {@code VIGIL_TEST_PG_URL}, {@code VIGIL_TEST_PG_USER} and {@code VIGIL_TEST_PG_PASSWORD}.
 *
 * <p>Published in vigil-store's test-jar. The caller closes what it gets. PostgreSQL databases made
 * here are dropped when the JVM exits, so a long-lived local server does not fill up.
 */
public final class TestDatabases {
  public static final String URL_ENV = "VIGIL_TEST_PG_URL";
  public static final String USER_ENV = "VIGIL_TEST_PG_USER";
  public static final String PASSWORD_ENV = "VIGIL_TEST_PG_PASSWORD";

  private static final String PG_PREFIX = "jdbc:postgresql:";
  private static final List<String> created = new CopyOnWriteArrayList<>();
  private static volatile boolean dropHookInstalled;

  private TestDatabases() {}

  /** A fresh, migrated, private in-memory H2 database (PostgreSQL mode). */
  public static Database h2() {
    return Database.inMemory("vigil_t_" + randomSuffix());
  }

  /** Whether {@code VIGIL_TEST_PG_URL} names a PostgreSQL server for tests. */
  public static boolean postgresConfigured() {
    String url = System.getenv(URL_ENV);
    return url != null && !url.isBlank();
  }

  /**
   * A fresh, migrated database {@code vigil_t_<random>} on the configured PostgreSQL server.
   *
   * @throws AssertionError under CI ({@code CI=true}) when no server is configured: there the
   *     integration tests must run, not be skipped
   * @throws org.opentest4j.TestAbortedException elsewhere when no server is configured
   */
  public static Database postgres() {
    if (!postgresConfigured()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("PostgreSQL is required under CI but " + URL_ENV
            + " is not set: run the tests with ./vigil test, which starts one (scripts/postgres.sh)");
      }
      Assumptions.abort("PostgreSQL not configured: run ./vigil test, which starts one (scripts/postgres.sh)");
    }
    String adminUrl = System.getenv(URL_ENV).trim();
    if (!adminUrl.startsWith(PG_PREFIX)) {
      throw new AssertionError(URL_ENV + " must be a jdbc:postgresql:// URL, got '" + adminUrl + "'");
    }
    String user = envOrEmpty(USER_ENV);
    String password = envOrEmpty(PASSWORD_ENV);
    String name = "vigil_t_" + randomSuffix();
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement st = admin.createStatement()) {
      st.execute("create database " + name);
    } catch (SQLException e) {
      throw new AssertionError("cannot create test database " + name + " on " + withoutQuery(adminUrl)
          + " as '" + user + "': " + e.getMessage(), e);
    }
    created.add(name);
    installDropHook(adminUrl, user, password);
    return Database.open(withDatabase(adminUrl, name), user, password, 10);
  }

  /** {@code url} with its database name replaced by {@code database}, keeping any parameters. */
  static String withDatabase(String url, String database) {
    String rest = url.substring(PG_PREFIX.length());
    int query = rest.indexOf('?');
    String params = query < 0 ? "" : rest.substring(query);
    String target = query < 0 ? rest : rest.substring(0, query);
    if (!target.startsWith("//")) {
      return PG_PREFIX + database + params; // jdbc:postgresql:db form
    }
    int slash = target.indexOf('/', 2);
    String authority = slash < 0 ? target : target.substring(0, slash);
    return PG_PREFIX + authority + "/" + database + params;
  }

  private static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static String envOrEmpty(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }

  private static String randomSuffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static synchronized void installDropHook(String adminUrl, String user, String password) {
    if (dropHookInstalled) {
      return;
    }
    dropHookInstalled = true;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(adminUrl, user, password),
        "vigil-test-databases-drop"));
  }

  private static void dropAll(String adminUrl, String user, String password) {
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement st = admin.createStatement()) {
      for (String name : created) {
        try {
          // FORCE ends connections a test left open (PostgreSQL 13 and later).
          st.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
          System.err.println("vigil tests: could not drop test database " + name + ": " + e.getMessage());
        }
      }
    } catch (SQLException e) {
      System.err.println("vigil tests: could not drop test databases " + created + ": " + e.getMessage());
    }
  }
}
