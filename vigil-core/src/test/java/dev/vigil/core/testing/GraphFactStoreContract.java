package dev.vigil.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.graph.EdgeKind;
import dev.vigil.core.graph.GraphFact;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.port.GraphFactStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GraphFactStore} must do: keep each fact exactly (instants at microsecond
 * precision), list them oldest first, delete by id, and still hold them for a new store over the same
 * storage (a restart). A subclass returns a fresh, empty store from {@link #newStore()}.
 */
public abstract class GraphFactStoreContract {
  protected static final Instant T = Instant.parse("2031-03-04T05:06:07.123456Z");

  protected abstract GraphFactStore newStore();

  /** A new store over the storage of the last {@link #newStore()}, as after a restart. */
  protected abstract GraphFactStore sameStorageAgain();

  static GraphFact relation(String id, Instant at) {
    return new GraphFact(id, NodeId.service("checkout"), Optional.of(EdgeKind.DEPENDS_ON),
        Optional.of(NodeId.service("fraud-check")), "calls it synchronously since 3.2, not in the catalog yet",
        "alice", at);
  }

  @Test
  void facts_come_back_exactly_oldest_first_and_survive_a_restart() {
    GraphFactStore store = newStore();
    GraphFact note = new GraphFact("f-2", NodeId.of(NodeKind.RESOURCE, "legacy-db"), Optional.empty(),
        Optional.empty(), "read-only since March, \"do not page\" ü", "bob", T.plusSeconds(1));
    store.add(note);
    store.add(relation("f-1", T));
    assertThat(store.list()).containsExactly(relation("f-1", T), note);
    assertThat(sameStorageAgain().list()).containsExactly(relation("f-1", T), note);
  }

  @Test
  void a_deleted_fact_is_gone_and_deleting_an_unknown_one_says_so() {
    GraphFactStore store = newStore();
    store.add(relation("f-1", T));
    store.add(relation("f-2", T));
    assertThat(store.delete("f-1")).isTrue();
    assertThat(store.delete("f-1")).isFalse();
    assertThat(store.list()).extracting(GraphFact::id).containsExactly("f-2");
  }

  @Test
  void an_id_is_recorded_once() {
    GraphFactStore store = newStore();
    store.add(relation("f-1", T));
    assertThatThrownBy(() -> store.add(relation("f-1", T.plusSeconds(5)))).isInstanceOf(RuntimeException.class);
    assertThat(store.list()).hasSize(1);
  }
}
