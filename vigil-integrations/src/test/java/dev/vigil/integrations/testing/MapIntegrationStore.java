package dev.vigil.integrations.testing;

import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.port.IntegrationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Integrations held in memory, for adapters tested without a database. */
public final class MapIntegrationStore implements IntegrationStore {
  private final Map<String, IntegrationConfig> byName = new ConcurrentHashMap<>();
  private final AtomicInteger finds = new AtomicInteger();

  @Override
  public void save(IntegrationConfig integration, Instant now) {
    byName.put(integration.name(), integration);
  }

  @Override
  public Optional<IntegrationConfig> find(String name) {
    finds.incrementAndGet();
    return Optional.ofNullable(byName.get(name));
  }

  /** How often {@link #find} was asked, to hold callers to one look-up per use. */
  public int finds() {
    return finds.get();
  }

  @Override
  public List<IntegrationConfig> list() {
    return byName.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  @Override
  public boolean delete(String name) {
    return byName.remove(name) != null;
  }
}
