package dev.vigil.server.config;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The process's own health on {@code /metrics} beside the engine's: heap and non-heap memory, GC
 * pauses, threads, class loading, CPU and uptime, so one scrape shows whether a slow engine is a
 * starved JVM. (Spring Boot's actuator would bind these; Vigil leaves the actuator out, ADR 0003.)
 */
@Component
class JvmMetrics implements DisposableBean {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  JvmMetrics(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  @Override
  public void destroy() {
    gc.close();
  }
}
