package dev.vigil.server.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real payloads from the shared bench data, read in place (see {@link ApiContract#benchData()}). */
final class Payloads {
  private Payloads() {}

  static byte[] github(String event, String file) {
    return read(ApiContract.benchData().resolve("payloads/github").resolve(event).resolve(file));
  }

  static byte[] alertmanager(String file) {
    return read(ApiContract.benchData().resolve("payloads/alertmanager/generated-alertmanager-0.25.0-debian").resolve(file));
  }

  static byte[] slack(String file) {
    return read(ApiContract.benchData().resolve("payloads/slack").resolve(file));
  }

  /**
   * A PagerDuty webhook v3 delivery from vigil-integrations' test resources (PagerDuty publishes no
   * captured payloads; those were written after its documentation).
   */
  static byte[] pagerDuty(String file) {
    return read(Path.of("").toAbsolutePath().resolveSibling("vigil-integrations")
        .resolve("src/test/resources/pagerduty").resolve(file));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read payload " + file, e);
    }
  }
}
