package dev.vigil.engine.internal;

import java.time.Instant;

/** What the scheduler does with an execution after the engine worked on it. */
public sealed interface Next {
  /** Nothing left: remove the execution. */
  record Finished() implements Next {}

  /** Run it again at {@code at} (a durable timer, a retry, a next schedule instant). */
  record ContinueAt(Instant at, String data) implements Next {
    public ContinueAt(Instant at) {
      this(at, null);
    }
  }

  static Next finished() {
    return new Finished();
  }

  static Next at(Instant at) {
    return new ContinueAt(at);
  }
}
