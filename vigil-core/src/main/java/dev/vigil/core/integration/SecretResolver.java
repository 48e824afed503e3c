package dev.vigil.core.integration;

import dev.vigil.core.security.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads credentials where their {@link SecretRef} points, at the moment of use, so that a rotated
 * file or a changed variable is picked up without re-applying configuration. Messages name the
 * reference, never the value. Thread-safe.
 */
public final class SecretResolver {
  private final Function<String, String> environment;

  /** @param environment looks up an environment variable ({@code System::getenv} in production) */
  public SecretResolver(Function<String, String> environment) {
    if (environment == null) {
      throw new IllegalArgumentException("an environment lookup is required");
    }
    this.environment = environment;
  }

  public static SecretResolver fromProcess() {
    return new SecretResolver(System::getenv);
  }

  /**
   * The credential's value.
   *
   * @throws UnresolvedSecretException when the variable is unset or empty, or the file unreadable or empty
   */
  public Secret resolve(SecretRef ref) {
    return lookup(ref).orElseThrow(() -> new UnresolvedSecretException(ref.text() + " is " + state(ref)));
  }

  /** Whether the reference currently yields a value: {@code set}, or why not. */
  public String state(SecretRef ref) {
    return switch (ref) {
      case SecretRef.Env env -> {
        String v = environment.apply(env.variable());
        yield v == null || v.isEmpty() ? "unset" : "set";
      }
      case SecretRef.File file -> {
        if (!Files.isRegularFile(file.path())) {
          yield "unset (no such file)";
        }
        yield read(file).isPresent() ? "set" : Files.isReadable(file.path()) ? "unset (empty file)"
            : "unset (file not readable)";
      }
    };
  }

  private Optional<Secret> lookup(SecretRef ref) {
    return switch (ref) {
      case SecretRef.Env env -> Optional.ofNullable(environment.apply(env.variable()))
          .filter(v -> !v.isEmpty()).map(Secret::new);
      case SecretRef.File file -> read(file);
    };
  }

  private static Optional<Secret> read(SecretRef.File file) {
    try {
      String content = Files.readString(file.path(), StandardCharsets.UTF_8);
      // Secret files written by `echo` or mounted by Kubernetes often end in a line break that is
      // not part of the credential.
      String value = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
          : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
      return value.isEmpty() ? Optional.empty() : Optional.of(new Secret(value));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** A credential reference that yields no value; says which reference and why, not more. */
  public static final class UnresolvedSecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnresolvedSecretException(String message) {
      super(message);
    }
  }
}
