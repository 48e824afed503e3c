package dev.vigil.store;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.finding.Evidence;
import dev.vigil.core.finding.Finding;
import dev.vigil.core.finding.FindingDraft;
import dev.vigil.core.finding.FindingId;
import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.finding.Severity;
import dev.vigil.core.port.FindingStore;
import dev.vigil.core.port.Transactor;
import dev.vigil.core.run.RunId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Findings, deduplicated by key while open. */
public final class JdbcFindingStore implements FindingStore {
  private final Sql sql;
  private final Transactor tx;

  public JdbcFindingStore(Database db) {
    this.sql = new Sql(db.dataSource());
    this.tx = db.transactor();
  }

  @Override
  public Finding fileOrUpdate(FindingDraft d, AgentId agent, RunId run, Instant now) {
    return tx.inTransaction(() -> {
      // Serialise filings of one key: without this lock two runs reporting the same problem at
      // the same moment would both see no open finding and open two.
      sql.update("insert into finding_keys (dedup_key) values (?) on conflict do nothing", d.dedupKey());
      sql.query("select dedup_key from finding_keys where dedup_key = ? for update", rs -> rs.getString(1), d.dedupKey());
      Optional<Finding> open = sql.one("select * from findings where dedup_key = ? and status in ('OPEN', 'ACKNOWLEDGED')"
          + " order by created_at desc limit 1", JdbcFindingStore::read, d.dedupKey());
      if (open.isPresent()) {
        Finding f = open.get();
        sql.update("update findings set occurrences = occurrences + 1, run_id = ?, severity = ?, summary = ?,"
                + " evidence = ?, next_steps = ?, updated_at = ? where id = ?",
            run.value(), d.severity().name(), d.summary(), Json.write(evidenceToList(d.evidence())),
            Json.write(d.nextSteps()), now, f.id().value());
        return find(f.id()).orElseThrow();
      }
      FindingId id = FindingId.random();
      sql.update("insert into findings (id, agent_name, run_id, severity, service, summary, evidence, next_steps,"
              + " dedup_key, status, status_reason, occurrences, created_at, updated_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', '', 1, ?, ?)",
          id.value(), agent.value(), run.value(), d.severity().name(), d.service(), d.summary(),
          Json.write(evidenceToList(d.evidence())), Json.write(d.nextSteps()), d.dedupKey(), now, now);
      return find(id).orElseThrow();
    });
  }

  @Override
  public Optional<Finding> find(FindingId id) {
    return sql.one("select * from findings where id = ?", JdbcFindingStore::read, id.value());
  }

  @Override
  public List<Finding> list(Filter f, int limit) {
    StringBuilder q = new StringBuilder("select * from findings where 1 = 1");
    List<Object> p = new ArrayList<>();
    if (f.service() != null) {
      q.append(" and service = ?");
      p.add(f.service());
    }
    if (f.severity() != null) {
      q.append(" and severity = ?");
      p.add(f.severity().name());
    }
    if (f.status() != null) {
      q.append(" and status = ?");
      p.add(f.status().name());
    }
    if (f.agent() != null) {
      q.append(" and agent_name = ?");
      p.add(f.agent().value());
    }
    q.append(" order by created_at desc, id limit ?");
    p.add(limit);
    return sql.query(q.toString(), JdbcFindingStore::read, p.toArray());
  }

  @Override
  public List<Finding> changedSince(Instant from, int limit) {
    return sql.query("select * from findings where updated_at >= ? order by updated_at desc, id limit ?",
        JdbcFindingStore::read, from, limit);
  }

  @Override
  public Optional<Finding> setStatus(FindingId id, FindingStatus status, String reason, Instant now) {
    int n = sql.update("update findings set status = ?, status_reason = ?, updated_at = ? where id = ?",
        status.name(), reason == null ? "" : reason, now, id.value());
    return n == 0 ? Optional.empty() : find(id);
  }

  private static List<Map<String, Object>> evidenceToList(List<Evidence> evidence) {
    return evidence.stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("query", e.query());
      m.put("from", e.from().toString());
      m.put("to", e.to().toString());
      m.put("observed", e.observed());
      m.put("expected", e.expected());
      e.sourceUrl().ifPresent(u -> m.put("sourceUrl", u));
      return m;
    }).toList();
  }

  @SuppressWarnings("unchecked")
  private static Finding read(ResultSet rs) throws SQLException {
    List<Evidence> evidence = Json.readList(rs.getString("evidence")).stream().map(o -> (Map<String, Object>) o)
        .map(m -> new Evidence((String) m.get("query"), Instant.parse((String) m.get("from")),
            Instant.parse((String) m.get("to")), (String) m.get("observed"), (String) m.get("expected"),
            Optional.ofNullable((String) m.get("sourceUrl")))).toList();
    List<String> nextSteps = Json.readList(rs.getString("next_steps")).stream().map(String::valueOf).toList();
    return new Finding(new FindingId(rs.getString("id")), new AgentId(rs.getString("agent_name")),
        new RunId(rs.getString("run_id")), Severity.valueOf(rs.getString("severity")), rs.getString("service"),
        rs.getString("summary"), evidence, nextSteps, rs.getString("dedup_key"),
        FindingStatus.valueOf(rs.getString("status")), rs.getString("status_reason"), rs.getInt("occurrences"),
        Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
  }
}
