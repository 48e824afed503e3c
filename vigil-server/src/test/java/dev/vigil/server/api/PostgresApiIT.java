package dev.vigil.server.api;

import dev.vigil.store.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API contract on a fresh database of the PostgreSQL server that {@code scripts/postgres.sh}
 * started ({@code VIGIL_TEST_PG_URL}). Skipped without one, except under CI, where it fails.
 */
@ExtendWith(PostgresApiIT.RequiresPostgres.class)
class PostgresApiIT extends ApiContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    commonProperties(registry);
    String adminUrl = System.getenv(TestDatabases.URL_ENV).trim();
    String user = env(TestDatabases.USER_ENV);
    String password = env(TestDatabases.PASSWORD_ENV);
    String name = "vigil_api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement st = admin.createStatement()) {
      st.execute("create database " + name);
    } catch (SQLException e) {
      throw new AssertionError("cannot create database " + name + " on " + adminUrl + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(adminUrl, user, password, name)));
    registry.add("VIGIL_DB_URL", () -> withDatabase(adminUrl, name));
    registry.add("VIGIL_DB_USER", () -> user);
    registry.add("VIGIL_DB_PASSWORD", () -> password);
  }

  /** {@code jdbc:postgresql://host:port/db?params} with another database name. */
  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String params = query < 0 ? "" : url.substring(query);
    String base = query < 0 ? url : url.substring(0, query);
    int slash = base.indexOf('/', "jdbc:postgresql://".length());
    return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + params;
  }

  private static void drop(String adminUrl, String user, String password, String name) {
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement st = admin.createStatement()) {
      st.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      System.err.println("could not drop test database " + name + ": " + e.getMessage());
    }
  }

  private static String env(String name) {
    String v = System.getenv(name);
    return v == null ? "" : v;
  }

  /** Runs the class only with a PostgreSQL server; under CI its absence is a failure, not a skip. */
  static final class RequiresPostgres implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (TestDatabases.postgresConfigured()) return ConditionEvaluationResult.enabled("PostgreSQL configured");
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("PostgreSQL is required under CI but " + TestDatabases.URL_ENV
            + " is not set: start one with scripts/postgres.sh");
      }
      return ConditionEvaluationResult.disabled(TestDatabases.URL_ENV + " not set: start PostgreSQL with scripts/postgres.sh");
    }
  }
}
