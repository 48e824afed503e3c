package dev.vigil.core.integration;

import java.nio.file.Path;

/**
 * Where a credential lives: an environment variable ({@code ${env:PROM_TOKEN}}) or a file
 * ({@code ${file:/run/secrets/prom-token}}). Configuration, the database, the API and exports hold
 * only this reference; the value is read at use by {@link SecretResolver}.
 */
public sealed interface SecretRef {
  /** The reference as written in configuration. */
  String text();

  /** An environment variable of the Vigil process. */
  record Env(String variable) implements SecretRef {
    public Env {
      if (variable == null || !variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("environment variable name '" + variable
            + "' must be letters, digits and underscores, not starting with a digit");
      }
    }

    @Override
    public String text() {
      return "${env:" + variable + "}";
    }
  }

  /** A file whose content (without a trailing line break) is the credential, e.g. a mounted secret. */
  record File(Path path) implements SecretRef {
    public File {
      if (path == null || !path.isAbsolute()) {
        throw new IllegalArgumentException("secret file '" + path + "' must be an absolute path");
      }
    }

    @Override
    public String text() {
      return "${file:" + path + "}";
    }
  }

  /**
   * Reads a reference.
   *
   * @throws IllegalArgumentException when {@code text} is not a reference; the message never
   *     repeats the text, which may be a credential pasted by mistake
   */
  static SecretRef parse(String text) {
    if (text != null && text.startsWith("${") && text.endsWith("}")) {
      String inner = text.substring(2, text.length() - 1);
      if (inner.startsWith("env:")) {
        return new Env(inner.substring(4));
      }
      if (inner.startsWith("file:")) {
        return new File(Path.of(inner.substring(5)));
      }
    }
    throw new IllegalArgumentException("must be a reference such as ${env:NAME} or ${file:/path}; credentials"
        + " are not written into configuration (the value given is not shown)");
  }
}
