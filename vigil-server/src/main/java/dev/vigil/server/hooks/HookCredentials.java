package dev.vigil.server.hooks;

import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.security.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The webhook credentials configured on integrations of one type, resolved at each delivery so a
 * rotated secret applies at once. A credential that does not resolve is skipped and reported once
 * at WARN (then DEBUG), naming the integration and the reference, never a value.
 */
@Component
public class HookCredentials {
  private static final Logger log = LoggerFactory.getLogger(HookCredentials.class);
  private final IntegrationStore integrations;
  private final SecretResolver secrets;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  public HookCredentials(IntegrationStore integrations, SecretResolver secrets) {
    this.integrations = integrations;
    this.secrets = secrets;
  }

  /** A resolved credential and the integration it belongs to. */
  public record Candidate(String integration, Secret secret) {}

  /** Every integration of {@code type} with a {@code field} credential that currently resolves. */
  public List<Candidate> of(IntegrationType type, String field) {
    List<Candidate> out = new ArrayList<>();
    for (IntegrationConfig config : integrations.list()) {
      if (config.type() != type || config.credential(field).isEmpty()) continue;
      try {
        out.add(new Candidate(config.name(), secrets.resolve(config.credential(field).get())));
      } catch (SecretResolver.UnresolvedSecretException e) {
        if (reported.add(config.name() + "/" + field)) {
          log.warn("webhook credential does not resolve, deliveries for it are refused integration={} field={}"
              + " reason=\"{}\"", config.name(), field, e.getMessage());
        } else {
          log.debug("webhook credential does not resolve integration={} field={}", config.name(), field);
        }
      }
    }
    return out;
  }
}
