package dev.vigil.store;

import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.event.HookRules;
import dev.vigil.core.port.HookStore;
import dev.vigil.core.port.Transactor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hook rules as their agents.yaml objects; the secret is stored as its reference only. */
public final class JdbcHookStore implements HookStore {
  private final Sql sql;
  private final Transactor tx;

  public JdbcHookStore(Database db) {
    this.sql = new Sql(db.dataSource());
    this.tx = db.transactor();
  }

  @Override
  public void save(HookRules rules, Instant now) {
    String document = Json.write(AgentDocument.writeHook(rules));
    tx.run(() -> {
      // Insert-if-absent then update, as for integrations: two nodes applying the same file both succeed.
      sql.update("insert into hooks (source, document, created_at, updated_at) values (?, ?, ?, ?)"
          + " on conflict do nothing", rules.source(), document, now, now);
      sql.update("update hooks set document = ?, updated_at = ? where source = ?", document, now, rules.source());
    });
  }

  @Override
  public Optional<HookRules> find(String source) {
    return sql.one("select source, document from hooks where source = ?",
        rs -> read(rs.getString("document"), rs.getString("source")), source);
  }

  @Override
  public List<HookRules> list() {
    return sql.query("select source, document from hooks order by source",
        rs -> read(rs.getString("document"), rs.getString("source")));
  }

  private static HookRules read(String document, String source) {
    return AgentDocument.readHook(Json.readMap(document), "stored hook '" + source + "'");
  }
}
