package dev.vigil.bench.engine;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Vigil server as a separate process, started the way {@code ./vigil start} starts it (same
 * jar, same JVM options), so that what is measured is what a user runs.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
  private static final Pattern METRIC_LINE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)$");

  private final Process process;
  private final int port;
  private final String token;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final double readySeconds;

  private ServerProcess(Process process, int port, String token, Path log, double readySeconds) {
    this.process = process;
    this.port = port;
    this.token = token;
    this.log = log;
    this.readySeconds = readySeconds;
  }

  /**
   * Starts the server and returns once {@code /readyz} answers 200.
   *
   * @param env the server's settings (data folder, database, ...) on top of port and token
   * @throws IllegalStateException with the end of the server's log when it does not become ready
   */
  public static ServerProcess start(BenchSetup setup, Map<String, String> env, Path log, Duration readyWithin)
      throws IOException, InterruptedException {
    int port = freePort();
    String token = "bench-" + Long.toHexString(System.nanoTime());
    List<String> command = new ArrayList<>();
    command.add(setup.java().toString());
    command.addAll(setup.jvmOptions());
    command.add("-jar");
    command.add(setup.serverJar().toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.environment().put("VIGIL_PORT", String.valueOf(port));
    pb.environment().put("VIGIL_BIND_ADDRESS", "127.0.0.1");
    pb.environment().put("VIGIL_ADMIN_TOKEN", token);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long t0 = System.nanoTime();
    Process process = pb.start();
    ServerProcess server = new ServerProcess(process, port, token, log, 0);
    long deadline = t0 + readyWithin.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + " before it was ready; "
            + "end of its log (" + log + "):\n" + server.logTail());
      }
      if (server.readyNow()) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new ServerProcess(process, port, token, log, seconds);
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server was not ready within " + readyWithin.toSeconds() + " s; end of its log ("
        + log + "):\n" + server.logTail());
  }

  private boolean readyNow() {
    try {
      return http.send(HttpRequest.newBuilder(base().resolve("/readyz")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public String token() {
    return token;
  }

  /** From process start to the first 200 of {@code /readyz}. */
  double readySeconds() {
    return readySeconds;
  }

  long pid() {
    return process.pid();
  }

  /** Resident set size from {@code /proc}, in MiB. */
  double rssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException("no VmRSS in /proc/" + process.pid() + "/status");
  }

  /**
   * Bytes of live objects on the heap: {@code jcmd GC.class_histogram} runs a full collection
   * first, so garbage does not count.
   */
  long liveHeapBytes(Path jcmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.class_histogram")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd GC.class_histogram failed: " + out.lines().limit(5).toList());
    }
    Matcher m = HISTOGRAM_TOTAL.matcher(out);
    if (!m.find()) throw new IOException("no Total line in jcmd's class histogram");
    return Long.parseLong(m.group(2));
  }

  /** Sum of one gauge over its label sets, from {@code /metrics}; {@code filter} matches the labels. */
  double metric(String name, String labelFilter) throws IOException, InterruptedException {
    String body = http.send(HttpRequest.newBuilder(base().resolve("/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    double sum = 0;
    Matcher m = METRIC_LINE.matcher(body);
    while (m.find()) {
      if (m.group(1).equals(name) && (labelFilter.isEmpty() || (m.group(2) != null && m.group(2).contains(labelFilter)))) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return sum;
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the server the way a service manager does (SIGTERM), waiting for it to exit. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
