package dev.vigil.store;

import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.port.Transactor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Integrations as their agents.yaml objects; credentials are stored as references only. */
public final class JdbcIntegrationStore implements IntegrationStore {
  private final Sql sql;
  private final Transactor tx;

  public JdbcIntegrationStore(Database db) {
    this.sql = new Sql(db.dataSource());
    this.tx = db.transactor();
  }

  @Override
  public void save(IntegrationConfig integration, Instant now) {
    String document = Json.write(AgentDocument.writeIntegration(integration));
    tx.run(() -> {
      // Insert-if-absent then update, as for agents: two nodes applying the same file both succeed.
      sql.update("insert into integrations (name, type, document, created_at, updated_at) values (?, ?, ?, ?, ?)"
          + " on conflict do nothing", integration.name(), integration.type().text(), document, now, now);
      sql.update("update integrations set type = ?, document = ?, updated_at = ? where name = ?",
          integration.type().text(), document, now, integration.name());
    });
  }

  @Override
  public Optional<IntegrationConfig> find(String name) {
    return sql.one("select name, document from integrations where name = ?",
        rs -> read(rs.getString("document"), rs.getString("name")), name);
  }

  @Override
  public List<IntegrationConfig> list() {
    return sql.query("select name, document from integrations order by name",
        rs -> read(rs.getString("document"), rs.getString("name")));
  }

  @Override
  public boolean delete(String name) {
    return sql.update("delete from integrations where name = ?", name) > 0;
  }

  private static IntegrationConfig read(String document, String name) {
    return AgentDocument.readIntegration(Json.readMap(document), "stored integration '" + name + "'");
  }
}
