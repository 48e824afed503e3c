package dev.vigil.store;

import dev.vigil.core.port.ApiTokenStore;
import dev.vigil.core.security.ApiToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens, by hash. */
public final class JdbcApiTokenStore implements ApiTokenStore {
  private final Sql sql;

  public JdbcApiTokenStore(Database db) {
    this.sql = new Sql(db.dataSource());
  }

  @Override
  public void create(ApiToken t) {
    sql.update("insert into api_tokens (name, hash, created_at, last_used_at, revoked) values (?, ?, ?, ?, ?)",
        t.name(), t.hash(), t.createdAt(), t.lastUsedAt(), t.revoked());
  }

  @Override
  public Optional<ApiToken> findActiveByHash(String hash) {
    return sql.one("select * from api_tokens where hash = ? and not revoked", JdbcApiTokenStore::read, hash);
  }

  @Override
  public List<ApiToken> list() {
    return sql.query("select * from api_tokens order by name", JdbcApiTokenStore::read);
  }

  @Override
  public boolean revoke(String name) {
    return sql.update("update api_tokens set revoked = true where name = ?", name) > 0;
  }

  @Override
  public boolean delete(String name) {
    return sql.update("delete from api_tokens where name = ?", name) > 0;
  }

  @Override
  public void touch(String name, Instant at) {
    sql.update("update api_tokens set last_used_at = ? where name = ?", at, name);
  }

  private static ApiToken read(ResultSet rs) throws SQLException {
    return new ApiToken(rs.getString("name"), rs.getString("hash"), Sql.instant(rs, "created_at"),
        Sql.optionalInstant(rs, "last_used_at"), rs.getBoolean("revoked"));
  }
}
