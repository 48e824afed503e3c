package dev.vigil.core.port;

import dev.vigil.core.graph.LearnedBaseline;
import java.util.List;

/** Keeps learned baselines across restarts, one per service and signal. Thread-safe. */
public interface BaselineStore {
  /** Replaces the baseline of its service and signal. */
  void save(LearnedBaseline baseline);

  /** Every stored baseline, by service then signal. */
  List<LearnedBaseline> list();
}
