package dev.vigil.store;

import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.port.ChatChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The built-in chat: agents' posts stored in Vigil's own database, for the console and the API,
 * when no external chat is configured. A redelivered key is dropped, so each post shows once.
 */
public final class JdbcConsoleChat implements ChatChannel {
  private final Sql sql;
  private final Clock clock;
  private final String integration;

  public JdbcConsoleChat(Database db, String integration, Clock clock) {
    this.sql = new Sql(db.dataSource());
    this.integration = integration;
    this.clock = clock;
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public boolean sharesDatabase() {
    return true;
  }

  @Override
  public void deliver(ChatMessage m) throws DeliveryException {
    try {
      sql.update("insert into console_messages (channel, agent_name, body, idempotency_key, received_at)"
          + " values (?, ?, ?, ?, ?) on conflict do nothing", m.channel(), m.agent().value(), m.text(),
          m.idempotencyKey(), clock.instant());
    } catch (DatabaseUnavailableException e) {
      throw new DeliveryException("built-in chat unavailable: " + e.getMessage(), true, e);
    }
  }

  /** A stored message. */
  public record Message(long id, String channel, String agent, String text, Instant receivedAt) {}

  /** Newest first; {@code channel} {@code null} for all. */
  public List<Message> list(String channel, int limit) {
    String where = channel == null ? "" : " where channel = ?";
    Object[] params = channel == null ? new Object[] {limit} : new Object[] {channel, limit};
    return sql.query("select * from console_messages" + where + " order by id desc limit ?",
        rs -> new Message(rs.getLong("id"), rs.getString("channel"), rs.getString("agent_name"), rs.getString("body"),
            Sql.instant(rs, "received_at")), params);
  }
}
