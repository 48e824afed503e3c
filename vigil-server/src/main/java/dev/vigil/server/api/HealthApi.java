package dev.vigil.server.api;

import dev.vigil.engine.Engine;
import dev.vigil.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness, readiness and Prometheus metrics of Vigil itself; no authentication. */
@RestController
@Hidden
public class HealthApi {
  private final Database db;
  private final Engine engine;
  private final PrometheusMeterRegistry registry;

  public HealthApi(Database db, Engine engine, PrometheusMeterRegistry registry) {
    this.db = db;
    this.engine = engine;
    this.registry = registry;
  }

  @GetMapping("/healthz")
  public Map<String, Object> health() {
    return Map.of("status", "up");
  }

  private volatile boolean started;

  /** Ready only after startup work (agents from VIGIL_CONFIG_DIR, demo agents) is done. */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void startupDone() {
    started = true;
  }

  @GetMapping("/readyz")
  public ResponseEntity<Map<String, Object>> ready() {
    boolean database = db.isReachable();
    boolean ready = started && database && engine.isStarted();
    return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("status", ready ? "ready" : "not ready", "database", database ? "reachable" : "unreachable",
            "engine", engine.isStarted() ? "started" : "stopped", "startup", started ? "done" : "in progress"));
  }

  @GetMapping(value = "/metrics", produces = "text/plain; version=0.0.4; charset=utf-8")
  public ResponseEntity<String> metrics() {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8"))
        .body(registry.scrape());
  }
}
