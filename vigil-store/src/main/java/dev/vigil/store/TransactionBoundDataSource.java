package dev.vigil.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands out the current transaction's connection (wrapped so that closing it
 * or committing it is left to the transaction's owner) and otherwise a pooled one. This is how
 * db-scheduler's client schedules a run inside the transaction that created it.
 */
final class TransactionBoundDataSource implements DataSource {
  private final DataSource pool;
  private final JdbcTransactor transactor;

  TransactionBoundDataSource(DataSource pool, JdbcTransactor transactor) {
    this.pool = pool;
    this.transactor = transactor;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection bound = transactor.currentConnection();
    if (bound == null) {
      return pool.getConnection();
    }
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "close", "commit" -> null;
          case "setAutoCommit" -> null;
          case "getAutoCommit" -> false;
          case "isClosed" -> bound.isClosed();
          case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : bound.unwrap((Class<?>) args[0]);
          default -> {
            try {
              yield method.invoke(bound, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }
        });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("use getConnection()");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return pool.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return pool.isWrapperFor(iface);
  }
}
