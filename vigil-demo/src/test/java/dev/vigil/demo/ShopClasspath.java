package dev.vigil.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath the ITs start the shop with: the module's classes and its dependencies (JGit writes the
 * shop's repository), the same list the launcher uses; Maven writes it at {@code package}, before
 * failsafe runs.
 */
final class ShopClasspath {
  private ShopClasspath() {
  }

  static String of() {
    Path dependencies = Path.of("target/classpath.txt");
    try {
      return Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator
          + Files.readString(dependencies).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no " + dependencies.toAbsolutePath() + ": run the ITs with mvn verify", e);
    }
  }
}
