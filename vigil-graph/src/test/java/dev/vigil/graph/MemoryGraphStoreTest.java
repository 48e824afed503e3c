package dev.vigil.graph;

import dev.vigil.core.port.GraphStore;
import dev.vigil.core.testing.GraphStoreContract;

class MemoryGraphStoreTest extends GraphStoreContract {
  @Override
  protected GraphStore newStore() {
    return new LiveContextGraphTest.MemoryGraphStore();
  }
}
