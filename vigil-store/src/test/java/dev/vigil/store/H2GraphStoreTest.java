package dev.vigil.store;

import dev.vigil.core.port.GraphStore;
import dev.vigil.core.testing.GraphStoreContract;
import dev.vigil.store.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The graph store contract on the embedded H2 database (PostgreSQL mode), a fresh database per test. */
class H2GraphStoreTest extends GraphStoreContract {
  private final List<Database> opened = new ArrayList<>();

  @Override
  protected GraphStore newStore() {
    Database db = TestDatabases.h2();
    opened.add(db);
    return new JdbcGraphStore(db);
  }

  @AfterEach
  void close() {
    opened.forEach(Database::close);
  }
}
