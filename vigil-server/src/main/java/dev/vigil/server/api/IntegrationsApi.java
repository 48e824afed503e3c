package dev.vigil.server.api;

import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.server.web.ApiException;
import dev.vigil.server.web.Bodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Configured integrations. Answers show credentials as the references they were configured with
 * and whether each currently yields a value ({@code set} or why it is {@code unset}); never a value.
 */
@RestController
@RequestMapping("/api/v1/integrations")
@Tag(name = "integrations")
public class IntegrationsApi {
  private final IntegrationStore integrations;
  private final SecretResolver secrets;
  private final AuditLog audit;
  private final Clock clock;

  public IntegrationsApi(IntegrationStore integrations, SecretResolver secrets, AuditLog audit, Clock clock) {
    this.integrations = integrations;
    this.secrets = secrets;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "All integrations, credentials shown as references with set/unset")
  public Map<String, Object> list() {
    return Views.page("integrations", integrations.list().stream().map(this::view).toList());
  }

  @GetMapping("/{name}")
  @Operation(summary = "One integration, credentials shown as references with set/unset")
  public Map<String, Object> get(@PathVariable String name) {
    return integrations.find(name).map(this::view)
        .orElseThrow(() -> ApiException.notFound("integration '" + name + "'"));
  }

  @PutMapping(value = "/{name}", consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml"})
  @Operation(summary = "Create or replace an integration: {type, url, auth: {bearerToken: \"${env:NAME}\"}, ...};"
      + " credentials only as ${env:NAME} or ${file:/path}")
  public ResponseEntity<Map<String, Object>> put(@PathVariable String name, @RequestBody String body,
      @RequestHeader(value = "Content-Type", required = false) String contentType, HttpServletRequest req) {
    Map<String, Object> object = Bodies.object(body, contentType == null ? "application/json" : contentType);
    Object given = object.get("name");
    if (given != null && !name.equals(given)) {
      throw ApiException.badRequest("name: '" + given + "' differs from the path's '" + name + "'");
    }
    Map<String, Object> named = new LinkedHashMap<>(object);
    named.put("name", name);
    IntegrationConfig integration = AgentDocument.readIntegration(named, "integration");
    boolean existed = integrations.find(name).isPresent();
    integrations.save(integration, clock.instant());
    audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "integration:put", name, "ok",
        Duration.ZERO));
    return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(view(integration));
  }

  @DeleteMapping("/{name}")
  @Operation(summary = "Remove an integration (grants naming it then allow nothing)")
  public ResponseEntity<Void> delete(@PathVariable String name, HttpServletRequest req) {
    if (!integrations.delete(name)) throw ApiException.notFound("integration '" + name + "'");
    audit.record(new AuditEntry(clock.instant(), AgentsApi.actor(req), "", "vigil", "integration:delete", name, "ok",
        Duration.ZERO));
    return ResponseEntity.noContent().build();
  }

  private Map<String, Object> view(IntegrationConfig integration) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("integration", AgentDocument.writeIntegration(integration));
    Map<String, Object> credentials = new LinkedHashMap<>();
    integration.credentials().forEach((path, ref) -> credentials.put(path, secrets.state(ref)));
    m.put("credentials", credentials);
    return m;
  }
}
