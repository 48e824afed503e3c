package dev.vigil.store;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.OutboxEntry;
import dev.vigil.core.outbox.OutboxStatus;
import dev.vigil.core.port.OutboxStore;
import dev.vigil.core.run.RunId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbox of posts. */
public final class JdbcOutboxStore implements OutboxStore {
  private final Sql sql;

  public JdbcOutboxStore(Database db) {
    this.sql = new Sql(db.dataSource());
  }

  @Override
  public boolean add(OutboxEntry e) {
    // ON CONFLICT DO NOTHING: a repeated step (after a crash before its checkpoint) produces the
    // same key and must neither fail nor add a second post.
    return sql.update("insert into outbox (id, run_id, agent_name, channel, body, idempotency_key, status, attempts,"
            + " created_at, delivered_at, last_error, card, thread_key, platform_id, attachment_name, attachment_alt,"
            + " attachment_content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict do nothing",
        e.id(), e.run().value(), e.agent().value(), e.channel(), e.text(), e.idempotencyKey(), e.status().name(),
        e.attempts(), e.createdAt(), e.deliveredAt(), e.lastError(), CardColumns.write(e.card()), e.threadKey(),
        e.platformId(), e.attachment().map(ChatAttachment::name), e.attachment().map(ChatAttachment::altText),
        e.attachment().map(ChatAttachment::content)) > 0;
  }

  @Override
  public List<OutboxEntry> pending(RunId run) {
    return sql.query("select * from outbox where run_id = ? and status = 'PENDING' order by created_at, id",
        JdbcOutboxStore::read, run.value());
  }

  @Override
  public List<OutboxEntry> forRun(RunId run) {
    return sql.query("select * from outbox where run_id = ? order by created_at, id", JdbcOutboxStore::read, run.value());
  }

  @Override
  public void markDelivered(String id, Instant at, Optional<String> platformId) {
    sql.update("update outbox set status = 'DELIVERED', delivered_at = ?, platform_id = ?, attempts = attempts + 1"
        + " where id = ?", at, platformId, id);
  }

  @Override
  public Optional<String> threadRoot(AgentId agent, String channel, String threadKey) {
    return sql.one("select platform_id from outbox where agent_name = ? and channel = ? and thread_key = ?"
            + " and platform_id is not null order by delivered_at, created_at, id limit 1",
        rs -> rs.getString(1), agent.value(), channel, threadKey);
  }

  @Override
  public void recordFailure(String id, String error, boolean permanent) {
    sql.update("update outbox set attempts = attempts + 1, last_error = ?, status = ? where id = ?",
        error, permanent ? OutboxStatus.FAILED.name() : OutboxStatus.PENDING.name(), id);
  }

  @Override
  public long countPending() {
    return sql.count("select count(*) from outbox where status = 'PENDING'");
  }

  private static OutboxEntry read(ResultSet rs) throws SQLException {
    return new OutboxEntry(rs.getString("id"), new RunId(rs.getString("run_id")), new AgentId(rs.getString("agent_name")),
        rs.getString("channel"), rs.getString("body"), rs.getString("idempotency_key"),
        OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), Sql.instant(rs, "created_at"),
        Sql.optionalInstant(rs, "delivered_at"), rs.getString("last_error"), CardColumns.readCard(rs),
        CardColumns.readAttachment(rs), Optional.ofNullable(rs.getString("thread_key")),
        Optional.ofNullable(rs.getString("platform_id")));
  }
}
