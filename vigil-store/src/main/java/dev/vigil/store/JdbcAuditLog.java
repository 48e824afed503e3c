package dev.vigil.store;

import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.port.AuditLog;
import java.time.Duration;
import java.util.List;

/** The audit trail, append-only. */
public final class JdbcAuditLog implements AuditLog {
  private final Sql sql;

  public JdbcAuditLog(Database db) {
    this.sql = new Sql(db.dataSource());
  }

  @Override
  public void record(AuditEntry e) {
    sql.update("insert into audit_log (at, actor, run_id, integration, operation, target, result, duration_ms)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)",
        e.time(), e.actor(), e.run(), e.integration(), e.operation(), e.target(), e.result(), e.duration().toMillis());
  }

  @Override
  public List<AuditEntry> list(String actor, int limit) {
    String where = actor == null ? "" : " where actor = ?";
    Object[] params = actor == null ? new Object[] {limit} : new Object[] {actor, limit};
    return sql.query("select * from audit_log" + where + " order by at desc, id desc limit ?",
        rs -> new AuditEntry(Sql.instant(rs, "at"), rs.getString("actor"), rs.getString("run_id"),
            rs.getString("integration"), rs.getString("operation"), rs.getString("target"), rs.getString("result"),
            Duration.ofMillis(rs.getLong("duration_ms"))), params);
  }
}
