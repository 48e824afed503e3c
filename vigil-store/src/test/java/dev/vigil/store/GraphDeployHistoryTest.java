package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphState;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.Provenance;
import dev.vigil.store.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deploys saved one row each by the V4 layout still load after the upgrade, and move on the next save. */
class GraphDeployHistoryTest {
  static final Instant T = Instant.parse("2031-03-04T05:06:07.123456Z");

  @Test
  void deploys_of_the_v4_layout_load_and_the_next_save_packs_them() {
    try (Database db = TestDatabases.h2()) {
      Sql sql = new Sql(db.dataSource());
      sql.update("insert into graph_state (id, saved_at) values (1, ?)", T);
      sql.update("insert into graph_contributions (source, read_at) values (?, ?)", "deploys", T);
      sql.update("insert into graph_deploys (source, service, deployed_at, environment, version, provenance)"
          + " values (?, ?, ?, ?, ?, ?)", "deploys", "service:checkout", T.minusSeconds(60), "production", "2.4.0",
          "[{\"source\":\"deploys\",\"evidence\":\"OBSERVED\",\"observedAt\":\"" + T + "\",\"confidence\":1.0,"
              + "\"detail\":\"event 7\"}]");
      JdbcGraphStore store = new JdbcGraphStore(db);
      Deploy old = new Deploy(NodeId.service("checkout"), T.minusSeconds(60), "production", "2.4.0",
          Provenance.observed("deploys", T, 1.0, "event 7"));
      GraphState loaded = store.load().orElseThrow();
      assertThat(loaded.contributions().getFirst().deploys()).containsExactly(old);

      Deploy next = new Deploy(NodeId.service("cart"), T, "production", "1.1.0", Provenance.observed("deploys", T, 1.0,
          "event 8"));
      store.save(new GraphState(T, List.of(new GraphContribution("deploys", T, List.of(), List.of(),
          List.of(old, next), List.of(), List.of(), List.of())), List.of(), List.of()), java.util.Set.of("deploys"));
      assertThat(sql.count("select count(*) from graph_deploys")).isZero();
      assertThat(sql.count("select count(*) from graph_deploy_history")).isEqualTo(2);
      assertThat(store.load().orElseThrow().contributions().getFirst().deploys()).containsExactly(old, next);
    }
  }
}
