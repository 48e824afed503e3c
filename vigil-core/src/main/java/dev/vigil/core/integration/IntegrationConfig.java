package dev.vigil.core.integration;

import dev.vigil.core.Durations;
import dev.vigil.core.Validation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One configured integration, as declared in the {@code integrations:} section of agents.yaml.
 *
 * @param name what grants refer to, e.g. {@code prom-main}
 * @param type what it connects to
 * @param agents the agents that may use it at all; empty: any agent holding a grant on it. An
 *     agent outside this list is denied even with a grant naming the integration.
 * @param settings plain fields by dotted path ({@code url}, {@code tenant}, {@code auth.basic.username})
 * @param credentials credential fields by dotted path ({@code auth.bearerToken}); references only
 */
public record IntegrationConfig(
    String name,
    IntegrationType type,
    List<String> agents,
    Map<String, String> settings,
    Map<String, SecretRef> credentials) {

  public IntegrationConfig {
    Validation.requireSlug(name, "integration name");
    Validation.requireNonNull(type, "integration type");
    agents = agents == null ? List.of() : List.copyOf(agents);
    settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    credentials = credentials == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(credentials));
    for (String key : settings.keySet()) {
      IntegrationType.Field field = type.fields().get(key);
      if (field == null || field == IntegrationType.Field.SECRET) {
        throw new IllegalArgumentException(type.text() + " integration '" + name + "': '" + key
            + "' is not a setting of this type");
      }
    }
    for (String key : credentials.keySet()) {
      if (type.fields().get(key) != IntegrationType.Field.SECRET) {
        throw new IllegalArgumentException(type.text() + " integration '" + name + "': '" + key
            + "' is not a credential of this type");
      }
    }
    for (String key : type.required()) {
      if (!settings.containsKey(key) && !credentials.containsKey(key)) {
        throw new IllegalArgumentException(type.text() + " integration '" + name + "' needs '" + key + "'");
      }
    }
    if (credentials.containsKey("auth.bearerToken")
        && (credentials.containsKey("auth.basic.password") || settings.containsKey("auth.basic.username"))) {
      throw new IllegalArgumentException("integration '" + name + "': give auth.bearerToken or auth.basic, not both");
    }
    if (settings.containsKey("auth.basic.username") != credentials.containsKey("auth.basic.password")) {
      throw new IllegalArgumentException("integration '" + name + "': auth.basic needs both username and password");
    }
  }

  public Optional<String> setting(String path) {
    return Optional.ofNullable(settings.get(path));
  }

  public Optional<SecretRef> credential(String path) {
    return Optional.ofNullable(credentials.get(path));
  }

  /** The {@code url} setting as a URI, if given. */
  public Optional<URI> url() {
    return setting("url").map(URI::create);
  }

  /** The {@code timeout} setting, if given. */
  public Optional<Duration> timeout() {
    return setting("timeout").map(t -> Durations.parse(t, "integration '" + name + "' timeout"));
  }

  /** Whether {@code agent} may use this integration at all (grants decide what it may do). */
  public boolean admits(String agent) {
    return agents.isEmpty() || agents.contains(agent);
  }
}
