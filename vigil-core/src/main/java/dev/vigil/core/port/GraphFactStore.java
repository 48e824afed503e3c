package dev.vigil.core.port;

import dev.vigil.core.graph.GraphFact;
import java.util.List;

/** Keeps what people told the context graph, across restarts. Thread-safe. */
public interface GraphFactStore {
  void add(GraphFact fact);

  /** Every fact, oldest first. */
  List<GraphFact> list();

  /** Removes a fact; false when there was none with that id. */
  boolean delete(String id);
}
