package dev.vigil.store;

import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.ChatMessage;
import dev.vigil.core.outbox.FindingCard;
import dev.vigil.core.port.ChatChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The built-in chat: agents' posts stored in Vigil's own database, for the console and the API,
 * when no external chat is configured. A redelivered key is dropped, so each post shows once.
 * Cards and charts are kept as posted, for the console to render; a message's id in this chat is
 * its idempotency key, so a reply records the key of the message it answers.
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
  public Optional<String> deliver(ChatMessage m) throws DeliveryException {
    try {
      sql.update("insert into console_messages (channel, agent_name, body, idempotency_key, received_at, card, thread_id,"
              + " attachment_name, attachment_alt, attachment_content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
              + " on conflict do nothing", m.channel(), m.agent().value(), m.text(), m.idempotencyKey(), clock.instant(),
          CardColumns.write(m.card()), m.replyTo(), m.attachment().map(ChatAttachment::name),
          m.attachment().map(ChatAttachment::altText), m.attachment().map(ChatAttachment::content));
    } catch (DatabaseUnavailableException e) {
      throw new DeliveryException("built-in chat unavailable: " + e.getMessage(), true, e);
    }
    return Optional.of(m.idempotencyKey());
  }

  /**
   * A stored message.
   *
   * @param key the message's idempotency key, its id within this chat
   * @param threadId the key of the message this one replies under
   * @param attachmentName the chart's file name; its bytes come from {@link #attachment}
   * @param fromPerson written by a person in the console's chat; {@code agent} then holds their name
   */
  public record Message(long id, String channel, String agent, String text, Instant receivedAt, String key,
      Optional<FindingCard> card, Optional<String> threadId, Optional<String> attachmentName, boolean fromPerson) {}

  /**
   * Keeps what a person wrote in the console's chat, so the channel shows it with the answers.
   * A repeated {@code key} is dropped, as for agents' posts.
   *
   * @param replyTo the key of the thread's first message, when the person answers in a thread
   */
  public void postFromPerson(String channel, String author, String text, String key, Optional<String> replyTo) {
    sql.update("insert into console_messages (channel, agent_name, body, idempotency_key, received_at, thread_id,"
            + " from_person) values (?, ?, ?, ?, ?, ?, true) on conflict do nothing",
        channel, author.length() > 63 ? author.substring(0, 63) : author, text, key, clock.instant(), replyTo);
  }

  /** The channels that have messages, by name. */
  public List<String> channels() {
    return sql.query("select distinct channel from console_messages order by channel", rs -> rs.getString(1));
  }

  /** One message by its key (its id within this chat). */
  public Optional<Message> byKey(String key) {
    return sql.one(SELECT + " where idempotency_key = ?", JdbcConsoleChat::read, key);
  }

  /** Newest first; {@code channel} {@code null} for all. */
  public List<Message> list(String channel, int limit) {
    String where = channel == null ? "" : " where channel = ?";
    Object[] params = channel == null ? new Object[] {limit} : new Object[] {channel, limit};
    return sql.query(SELECT + where + " order by id desc limit ?", JdbcConsoleChat::read, params);
  }

  private static final String SELECT = "select id, channel, agent_name, body, received_at, idempotency_key, card,"
      + " thread_id, attachment_name, from_person from console_messages";

  private static Message read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Message(rs.getLong("id"), rs.getString("channel"), rs.getString("agent_name"), rs.getString("body"),
        Sql.instant(rs, "received_at"), rs.getString("idempotency_key"), CardColumns.readCard(rs),
        Optional.ofNullable(rs.getString("thread_id")), Optional.ofNullable(rs.getString("attachment_name")),
        rs.getBoolean("from_person"));
  }

  /** The chart a message carries, with its bytes. */
  public Optional<ChatAttachment> attachment(long messageId) {
    return sql.one("select attachment_name, attachment_alt, attachment_content from console_messages where id = ?",
        CardColumns::readAttachment, messageId).flatMap(a -> a);
  }
}
