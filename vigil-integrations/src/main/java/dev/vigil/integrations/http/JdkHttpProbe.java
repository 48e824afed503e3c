package dev.vigil.integrations.http;

import dev.vigil.core.port.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Probes with {@link HttpClient}; the body is read and discarded so latency covers all of it. */
public final class JdkHttpProbe implements HttpProbe {
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  @Override
  public Result probe(URI uri, Duration timeout) {
    long start = System.nanoTime();
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
          .header("User-Agent", "vigil-http-check").build(), HttpResponse.BodyHandlers.discarding());
      return new Result(Optional.of(r.statusCode()), Duration.ofNanos(System.nanoTime() - start), Optional.empty());
    } catch (IOException e) {
      return new Result(Optional.empty(), Duration.ofNanos(System.nanoTime() - start),
          Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Optional.empty(), Duration.ofNanos(System.nanoTime() - start), Optional.of("interrupted"));
    }
  }
}
