package dev.vigil.store;

import dev.vigil.core.port.GraphFactStore;
import dev.vigil.core.testing.GraphFactStoreContract;
import dev.vigil.store.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The fact store contract on the embedded H2 database (PostgreSQL mode), a fresh database per test. */
class H2GraphFactStoreTest extends GraphFactStoreContract {
  private final List<Database> opened = new ArrayList<>();

  @Override
  protected GraphFactStore newStore() {
    Database db = TestDatabases.h2();
    opened.add(db);
    return new JdbcGraphFactStore(db);
  }

  @Override
  protected GraphFactStore sameStorageAgain() {
    return new JdbcGraphFactStore(opened.getLast());
  }

  @AfterEach
  void close() {
    opened.forEach(Database::close);
  }
}
