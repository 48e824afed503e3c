package dev.vigil.server.config;

import dev.vigil.core.port.OutboxStore;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.RunStatus;
import dev.vigil.engine.EngineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's metrics in Micrometer: runs by kind and status, step latency, scheduler lag,
 * outbox deliveries and backlog.
 */
final class MicrometerEngineMetrics implements EngineMetrics {
  private final MeterRegistry registry;
  private final AtomicLong lastLagMillis = new AtomicLong();

  MicrometerEngineMetrics(MeterRegistry registry, OutboxStore outbox, RunStore runs) {
    this.registry = registry;
    Gauge.builder("vigil.outbox.backlog", outbox, o -> safe(o::countPending))
        .description("posts waiting for delivery").register(registry);
    Gauge.builder("vigil.scheduler.lag", lastLagMillis, a -> a.get() / 1000.0).baseUnit("seconds")
        .description("delay between a due execution and its start, last seen").register(registry);
    for (RunStatus status : RunStatus.values()) {
      Gauge.builder("vigil.runs.stored", runs, r -> safe(() -> r.countByStatus().get(status)))
          .tag("status", status.name().toLowerCase()).description("runs in the database by status").register(registry);
    }
  }

  private static double safe(java.util.function.Supplier<Long> value) {
    try {
      Long v = value.get();
      return v == null ? 0 : v;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Override
  public void runStarted(String kind, Duration lag) {
    Timer.builder("vigil.run.start.delay").tag("kind", kind).description("from run created to first step started")
        .publishPercentiles(0.5, 0.99).register(registry).record(lag);
  }

  @Override
  public void runFinished(String kind, RunStatus status) {
    Counter.builder("vigil.runs").tag("kind", kind).tag("status", status.name().toLowerCase())
        .description("runs ended, by kind and status").register(registry).increment();
  }

  @Override
  public void stepFinished(String kind, String step, boolean succeeded, Duration took) {
    Timer.builder("vigil.step.duration").tag("kind", kind).tag("step", step).tag("outcome", succeeded ? "success" : "failure")
        .description("time to execute one step attempt").register(registry).record(took);
  }

  @Override
  public void schedulerLag(Duration lag) {
    lastLagMillis.set(Math.max(0, lag.toMillis()));
    Timer.builder("vigil.scheduler.pickup.lag").description("delay between due time and pickup")
        .register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
  }

  @Override
  public void outboxDelivered(boolean succeeded) {
    Counter.builder("vigil.outbox.deliveries").tag("outcome", succeeded ? "delivered" : "failed")
        .register(registry).increment();
  }
}
