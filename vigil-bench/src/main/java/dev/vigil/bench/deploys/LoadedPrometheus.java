package dev.vigil.bench.deploys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A throwaway Prometheus on loopback holding the scenario's metrics, started and stopped by
 * {@code scripts/prometheus.sh} (which backfills with promtool). Every file but the last is
 * backfilled here first into the same TSDB folder: the script takes one file, and OpenMetrics
 * documents cannot simply be concatenated (a family may appear in several).
 */
record LoadedPrometheus(Path script, Path state, Path work, URI url) implements AutoCloseable {
  static LoadedPrometheus start(Path root, List<Path> metrics) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("vigil-bench-deploys");
    Path data = Files.createDirectories(work.resolve("tsdb"));
    List<Path> plain = new ArrayList<>();
    for (Path f : metrics) {
      plain.add(f.getFileName().toString().endsWith(".gz") ? gunzip(f, work) : f);
    }
    String promtool = System.getenv().getOrDefault("VIGIL_PROMTOOL_BIN", "/usr/bin/promtool");
    for (Path f : plain.subList(0, plain.size() - 1)) {
      run(List.of(promtool, "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=192h", f.toString(),
          data.toString()), "promtool could not backfill " + f);
    }
    Path script = root.resolve("scripts/prometheus.sh");
    Path state = work.resolve("prometheus.env");
    run(List.of("bash", script.toString(), "start", state.toString(), "--data-dir", data.toString(),
        "--openmetrics", plain.getLast().toString()), "scripts/prometheus.sh could not start Prometheus");
    String url = Files.readAllLines(state, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("VIGIL_PROM_URL="))
        .map(l -> l.substring("VIGIL_PROM_URL=".length())).findFirst()
        .orElseThrow(() -> new IOException(state + " names no VIGIL_PROM_URL"));
    return new LoadedPrometheus(script, state, work, URI.create(url));
  }

  private static Path gunzip(Path gz, Path work) throws IOException {
    String name = gz.getFileName().toString();
    Path out = work.resolve(name.substring(0, name.length() - ".gz".length()));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz)); OutputStream o = Files.newOutputStream(out)) {
      in.transferTo(o);
    }
    return out;
  }

  private static void run(List<String> command, String failure) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException(failure + " (exit " + p.exitValue() + "):\n" + new String(output, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(List.of("bash", script.toString(), "stop", state.toString()), "scripts/prometheus.sh could not stop");
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
