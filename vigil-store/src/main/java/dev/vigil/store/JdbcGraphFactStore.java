package dev.vigil.store;

import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphFact;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.port.GraphFactStore;
import java.util.List;
import java.util.Optional;

/** What people told the context graph, in {@code graph_facts} (migration V6). */
public final class JdbcGraphFactStore implements GraphFactStore {
  private final Sql sql;

  public JdbcGraphFactStore(Database db) {
    this.sql = new Sql(db.dataSource());
  }

  @Override
  public void add(GraphFact fact) {
    sql.update("insert into graph_facts (id, subject, relation, object, note, author, told_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)", fact.id(), fact.subject().toString(),
        fact.relation().map(EdgeKind::wire), fact.object().map(NodeId::toString), fact.note(), fact.author(),
        fact.toldAt());
  }

  @Override
  public List<GraphFact> list() {
    return sql.query("select id, subject, relation, object, note, author, told_at from graph_facts"
        + " order by told_at, id", rs -> new GraphFact(rs.getString("id"), NodeId.parse(rs.getString("subject")),
        Optional.ofNullable(rs.getString("relation")).map(EdgeKind::fromWire),
        Optional.ofNullable(rs.getString("object")).map(NodeId::parse), rs.getString("note"), rs.getString("author"),
        Sql.instant(rs, "told_at")));
  }

  @Override
  public boolean delete(String id) {
    return sql.update("delete from graph_facts where id = ?", id) > 0;
  }
}
