package dev.vigil.engine.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's persisted state (the rows of the tables a run lives in) as a JSON document that
 * loads into H2 and PostgreSQL alike: a replay fixture. Recorded once by a released version and
 * then never edited, so that every later version proves it resumes what that version left.
 */
final class PersistedState {
  /** Tables a live run's state spans, in an order that respects foreign keys. */
  static final List<String> TABLES = List.of("agents", "agent_tasks", "events", "event_deliveries", "runs", "run_steps",
      "outbox", "scheduled_tasks");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PersistedState() {}

  /** Writes every row of {@link #TABLES} with each column's type, so the loader can bind values exactly. */
  static void record(DataSource db, Path file, String recordedBy) throws SQLException, IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("recordedBy", recordedBy);
    Map<String, Object> tables = new LinkedHashMap<>();
    try (Connection c = db.getConnection()) {
      for (String table : TABLES) {
        try (ResultSet rs = c.createStatement().executeQuery("select * from " + table)) {
          ResultSetMetaData md = rs.getMetaData();
          Map<String, String> columns = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) columns.put(md.getColumnLabel(i).toLowerCase(), kind(md.getColumnType(i)));
          List<List<Object>> rows = new ArrayList<>();
          while (rs.next()) {
            List<Object> row = new ArrayList<>();
            int i = 1;
            for (String type : columns.values()) row.add(read(rs, i++, type));
            rows.add(row);
          }
          tables.put(table, Map.of("columns", columns, "rows", rows));
        }
      }
    }
    doc.put("tables", tables);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
  }

  /** Inserts a fixture's rows into a freshly migrated database. */
  static void load(DataSource db, Path file) throws SQLException, IOException {
    JsonNode tables = JSON.readTree(Files.readString(file)).get("tables");
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      for (String table : TABLES) {
        JsonNode t = tables.get(table);
        if (t == null) continue;
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        t.get("columns").properties().forEach(e -> {
          names.add(e.getKey());
          types.add(e.getValue().asString());
        });
        String sql = "insert into " + table + " (" + String.join(", ", names) + ") values ("
            + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (JsonNode row : t.get("rows")) {
            for (int i = 0; i < names.size(); i++) bind(ps, i + 1, types.get(i), row.get(i));
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      c.commit();
    }
  }

  private static String kind(int sqlType) {
    return switch (sqlType) {
      case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> "timestamp";
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "bytes";
      case Types.BOOLEAN, Types.BIT -> "boolean";
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BIGINT -> "integer";
      default -> "text";
    };
  }

  private static Object read(ResultSet rs, int i, String type) throws SQLException {
    Object v = switch (type) {
      case "timestamp" -> {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        yield t == null ? null : t.toString();
      }
      case "bytes" -> {
        byte[] b = rs.getBytes(i);
        yield b == null ? null : Base64.getEncoder().encodeToString(b);
      }
      case "boolean" -> rs.getBoolean(i);
      case "integer" -> rs.getLong(i);
      default -> rs.getString(i);
    };
    return rs.wasNull() ? null : v;
  }

  private static void bind(PreparedStatement ps, int i, String type, JsonNode v) throws SQLException {
    if (v == null || v.isNull()) {
      ps.setNull(i, switch (type) {
        case "timestamp" -> Types.TIMESTAMP_WITH_TIMEZONE;
        case "bytes" -> Types.BINARY;
        case "boolean" -> Types.BOOLEAN;
        case "integer" -> Types.BIGINT;
        default -> Types.VARCHAR;
      });
      return;
    }
    switch (type) {
      case "timestamp" -> ps.setObject(i, OffsetDateTime.parse(v.asString()));
      case "bytes" -> ps.setBytes(i, Base64.getDecoder().decode(v.asString()));
      case "boolean" -> ps.setBoolean(i, v.asBoolean());
      case "integer" -> ps.setLong(i, v.asLong());
      default -> ps.setString(i, v.asString());
    }
  }
}
