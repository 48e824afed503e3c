package dev.vigil.store;

import dev.vigil.core.port.Transactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Binds one connection to the current thread for the duration of a transaction. Stores (and
 * db-scheduler's client, through {@link TransactionBoundDataSource}) pick it up, so a step's
 * checkpoint, its outbox entries, its findings and the scheduling of the run's continuation
 * commit atomically.
 */
public final class JdbcTransactor implements Transactor {
  private final DataSource pool;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  JdbcTransactor(DataSource pool) {
    this.pool = pool;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    Connection connection;
    try {
      connection = pool.getConnection();
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot get a database connection: " + e.getMessage(), e);
    }
    try (connection) {
      connection.setAutoCommit(false);
      current.set(connection);
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      }
      connection.commit();
      return result;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("transaction failed: " + e.getMessage(), e);
    } finally {
      current.remove();
    }
  }

  /** The connection of the transaction on this thread, or {@code null}. */
  Connection currentConnection() {
    return current.get();
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
