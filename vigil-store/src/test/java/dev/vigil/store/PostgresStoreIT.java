package dev.vigil.store;

import dev.vigil.store.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL server (started by {@code ./vigil test}). */
class PostgresStoreIT extends StoreContract {
  private static Database database;

  @BeforeAll
  static void open() {
    database = TestDatabases.postgres();
  }

  @AfterAll
  static void close() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  protected Database database() {
    return database;
  }
}
