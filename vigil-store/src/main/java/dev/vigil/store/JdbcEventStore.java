package dev.vigil.store;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventId;
import dev.vigil.core.port.EventStore;
import dev.vigil.core.port.Transactor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Accepted events with per-source delivery deduplication. */
public final class JdbcEventStore implements EventStore {
  private final Sql sql;
  private final Transactor tx;
  private final Clock clock;

  public JdbcEventStore(Database db, Clock clock) {
    this.sql = new Sql(db.dataSource());
    this.tx = db.transactor();
    this.clock = clock;
  }

  @Override
  public Optional<EventId> saveUnlessDuplicate(Event e) {
    return tx.inTransaction(() -> {
      if (!e.deliveryId().isEmpty()) {
        int claimed = sql.update("insert into event_deliveries (source, delivery_id, event_id) values (?, ?, ?)"
            + " on conflict do nothing", e.source(), e.deliveryId(), e.id().value());
        if (claimed == 0) {
          return sql.one("select event_id from event_deliveries where source = ? and delivery_id = ?",
              rs -> new EventId(rs.getString(1)), e.source(), e.deliveryId());
        }
      }
      sql.update("insert into events (id, source, type, subject, event_time, received_at, delivery_id, labels,"
              + " body_text, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          e.id().value(), e.source(), e.type(), e.subject(), e.time(), clock.instant(), e.deliveryId(),
          Json.write(e.labels()), e.text(), e.payloadJson());
      return Optional.<EventId>empty();
    });
  }

  @Override
  public Optional<Event> find(EventId id) {
    return sql.one("select * from events where id = ?", JdbcEventStore::read, id.value());
  }

  @Override
  public List<Event> list(int limit) {
    return sql.query("select * from events order by received_at desc, id limit ?", JdbcEventStore::read, limit);
  }

  private static Event read(ResultSet rs) throws SQLException {
    Map<String, String> labels = Json.readMap(rs.getString("labels")).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, en -> String.valueOf(en.getValue())));
    return new Event(new EventId(rs.getString("id")), rs.getString("source"), rs.getString("type"),
        rs.getString("subject"), Sql.instant(rs, "event_time"), rs.getString("delivery_id"), labels,
        rs.getString("body_text"), rs.getString("payload"));
  }
}
