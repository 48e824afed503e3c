package dev.vigil.engine.testing;

import dev.vigil.core.port.HttpProbe;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An HTTP probe answering what the test set, recording the URLs asked. Thread-safe. */
public final class StubHttpProbe implements HttpProbe {
  private final List<URI> asked = new ArrayList<>();
  private Result answer = answering(200, Duration.ofMillis(20));

  public static Result answering(int status, Duration latency) {
    return new Result(Optional.of(status), latency, Optional.empty());
  }

  public static Result noAnswer(String error) {
    return new Result(Optional.empty(), Duration.ofSeconds(1), Optional.of(error));
  }

  public synchronized void answer(Result result) {
    this.answer = result;
  }

  @Override
  public synchronized Result probe(URI uri, Duration timeout) {
    asked.add(uri);
    return answer;
  }

  public synchronized List<URI> asked() {
    return List.copyOf(asked);
  }
}
