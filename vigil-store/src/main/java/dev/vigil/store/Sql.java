package dev.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs SQL on the current transaction's connection, or on a pooled connection in auto-commit mode
 * outside a transaction. Instants are stored as UTC timestamps with time zone. Errors keep the
 * statement but never the parameter values, which may hold user data.
 */
final class Sql {
  private final DataSource dataSource;

  Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw translate(sql, e);
    }
  }

  <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw translate(sql, e);
    }
  }

  <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs one statement for each row of parameters, sent to the database in batches. */
  void batch(String sql, List<Object[]> rows) {
    batch(sql, rows, 1000);
  }

  private void batch(String sql, List<Object[]> rows, int perBatch) {
    if (rows.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int pending = 0;
      for (Object[] row : rows) {
        bind(ps, row);
        ps.addBatch();
        if (++pending == perBatch) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    } catch (SQLException e) {
      throw translate(sql, e);
    }
  }

  /**
   * Inserts many rows with multi-row {@code INSERT ... VALUES (...), (...)} statements, themselves sent
   * in batches: one statement per row costs a round trip's worth of parsing and planning per row even
   * in a batch, which dominated saving a million rows. Up to {@value #ROWS_PER_INSERT} rows per statement,
   * kept below PostgreSQL's limit of 32767 parameters.
   */
  void insert(String table, List<String> columns, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int perStatement = Math.max(1, Math.min(ROWS_PER_INSERT, 30_000 / columns.size()));
    int full = rows.size() / perStatement;
    if (full > 0) {
      String sql = insertSql(table, columns, perStatement);
      List<Object[]> grouped = new ArrayList<>(full);
      for (int i = 0; i < full; i++) {
        grouped.add(flatten(rows.subList(i * perStatement, (i + 1) * perStatement), columns.size()));
      }
      batch(sql, grouped, 8);
    }
    int rest = rows.size() - full * perStatement;
    if (rest > 0) {
      String sql = insertSql(table, columns, rest);
      batch(sql, List.<Object[]>of(flatten(rows.subList(full * perStatement, rows.size()), columns.size())), 1);
    }
  }

  static final int ROWS_PER_INSERT = 500;

  private static String insertSql(String table, List<String> columns, int rows) {
    String one = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    StringBuilder sql = new StringBuilder(32 + rows * (one.length() + 2)).append("insert into ").append(table)
        .append(" (").append(String.join(", ", columns)).append(") values ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(one);
    }
    return sql.toString();
  }

  private static Object[] flatten(List<Object[]> rows, int width) {
    Object[] all = new Object[rows.size() * width];
    int k = 0;
    for (Object[] row : rows) {
      if (row.length != width) {
        throw new IllegalArgumentException("row of " + row.length + " values for " + width + " columns");
      }
      System.arraycopy(row, 0, all, k, width);
      k += width;
    }
    return all;
  }

  long count(String sql, Object... params) {
    return one(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof Optional<?> o) {
        p = o.orElse(null);
      }
      if (p instanceof Instant instant) {
        ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      } else if (p == null) {
        ps.setObject(i + 1, null);
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(instant(rs, column));
  }

  private static RuntimeException translate(String sql, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String statement = sql.length() > 120 ? sql.substring(0, 120) + "..." : sql;
    if (state.startsWith("23")) {
      return new IllegalStateException("constraint violated (" + e.getMessage() + ") by: " + statement, e);
    }
    return new DatabaseUnavailableException(
        "statement failed (SQLState " + state + ": " + e.getMessage() + "): " + statement, e);
  }
}
