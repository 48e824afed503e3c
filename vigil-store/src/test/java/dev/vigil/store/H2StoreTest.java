package dev.vigil.store;

import dev.vigil.store.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on the embedded H2 database (PostgreSQL mode). */
class H2StoreTest extends StoreContract {
  private static Database database;

  @BeforeAll
  static void open() {
    database = TestDatabases.h2();
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
