package dev.vigil.engine.testing;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.port.IntegrationConnections;
import dev.vigil.core.port.MetricSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * What the grant tests' stand-in connections share: configured integrations held in memory, and a
 * record of what was opened and sent. Each test overrides the one kind of client it exercises.
 */
public abstract class FakeIntegrationConnections implements IntegrationConnections {
  private final Map<String, IntegrationConfig> configs = new ConcurrentHashMap<>();
  /** What the stand-in client was asked, as it was sent. */
  public final List<String> sent = new CopyOnWriteArrayList<>();
  /** Clients opened. */
  public volatile int opened;
  /** When set, the stand-in client answers as an unreachable server would. */
  public volatile boolean down;

  public void add(IntegrationConfig config) {
    configs.put(config.name(), config);
  }

  @Override
  public Optional<IntegrationConfig> find(String name) {
    return Optional.ofNullable(configs.get(name));
  }

  @Override
  public MetricSource metrics(IntegrationConfig integration, List<Grant> grants,
      UnaryOperator<MetricSource> outbound) {
    throw new IllegalArgumentException("no metrics here");
  }
}
