package dev.vigil.integrations.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server started by one of the project's scripts ({@code scripts/prometheus.sh},
 * {@code scripts/alertmanager.sh}) for the length of a test class, and the KEY=VALUE lines its
 * state file holds. The scripts install the Debian package on first use. When the server cannot be
 * started the test is skipped with the script's output, except under CI ({@code CI=true}), where it
 * fails: there the integration tests must run.
 */
public final class ScriptedServer implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 300;

  private final Path script;
  private final Path stateFile;
  private final Map<String, String> state;

  private ScriptedServer(Path script, Path stateFile, Map<String, String> state) {
    this.script = script;
    this.stateFile = stateFile;
    this.state = state;
  }

  /** Runs {@code scripts/<name>.sh start STATE options...} and reads the state it wrote. */
  public static ScriptedServer start(String name, String... options) {
    Path script = repositoryRoot().resolve("scripts").resolve(name + ".sh");
    try {
      Path stateFile = Files.createTempFile("vigil-" + name + "-state", ".env");
      List<String> command = new ArrayList<>(List.of("bash", script.toString(), "start", stateFile.toString()));
      command.addAll(List.of(options));
      Result result = run(command);
      if (result.exitCode() != 0) {
        Files.deleteIfExists(stateFile);
        String message = script + " could not start " + name + " (exit " + result.exitCode() + "); it installs"
            + " Debian's package with apt-get when missing, which needs root or sudo and the package lists:\n"
            + result.output();
        if ("true".equals(System.getenv("CI"))) {
          throw new AssertionError(message);
        }
        // Printed too: a class skipped in @BeforeAll shows in the summary only as a count.
        System.err.println("[vigil] skipping the tests that need " + name + ": " + message);
        Assumptions.abort(message);
      }
      Map<String, String> state = new LinkedHashMap<>();
      for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          state.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return new ScriptedServer(script, stateFile, state);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + script + ": " + e.getMessage(), e);
    }
  }

  /** A value the script wrote, e.g. {@code VIGIL_PROM_URL}. */
  public String get(String key) {
    String value = state.get(key);
    if (value == null) {
      throw new AssertionError("state of " + script.getFileName() + " has no " + key + ": " + state);
    }
    return value;
  }

  @Override
  public void close() {
    Result result = run(List.of("bash", script.toString(), "stop", stateFile.toString()));
    if (result.exitCode() != 0) {
      throw new AssertionError(script + " stop failed: " + result.output());
    }
  }

  /** The folder holding {@code scripts/}, found upwards from the working directory (the module). */
  public static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/prometheus.sh"))) {
        return dir;
      }
    }
    throw new AssertionError("no scripts/prometheus.sh above " + Path.of("").toAbsolutePath());
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      // The server itself writes to its own log file, so the script's output ends when the script does.
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + START_TIMEOUT_SECONDS + " s\n" + new String(output,
            StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
