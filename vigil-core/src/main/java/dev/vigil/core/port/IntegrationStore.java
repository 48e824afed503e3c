package dev.vigil.core.port;

import dev.vigil.core.integration.IntegrationConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The configured integrations. Holds credential references only, never values. Thread-safe; joins
 * the caller's transaction.
 */
public interface IntegrationStore {
  /** Creates or replaces the integration of that name. */
  void save(IntegrationConfig integration, Instant now);

  Optional<IntegrationConfig> find(String name);

  /** All integrations, by name. */
  List<IntegrationConfig> list();

  /** @return whether one was deleted */
  boolean delete(String name);
}
