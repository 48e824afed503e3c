package dev.vigil.store;

import dev.vigil.core.port.BaselineStore;
import dev.vigil.core.testing.BaselineStoreContract;
import dev.vigil.store.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The baseline store contract on a real PostgreSQL server (started by {@code ./vigil test}), a fresh database per test. */
class PostgresBaselineStoreIT extends BaselineStoreContract {
  private final List<Database> opened = new ArrayList<>();

  @Override
  protected BaselineStore newStore() {
    Database db = TestDatabases.postgres();
    opened.add(db);
    return new JdbcBaselineStore(db);
  }

  @AfterEach
  void close() {
    opened.forEach(Database::close);
  }
}
