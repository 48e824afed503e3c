package dev.vigil.server.console;

import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.ApiTokenStore;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.port.IntegrationStore;
import dev.vigil.core.security.ApiToken;
import dev.vigil.server.security.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, and the settings: integrations (credentials only as set or unset) and API tokens. */
@Controller
public class AdminPages {
  private static final String TOKEN_NAME = "[a-z0-9][a-z0-9-]{0,62}";
  private final AuditLog audit;
  private final IntegrationStore integrations;
  private final SecretResolver secrets;
  private final ApiTokenStore tokens;
  private final Clock clock;

  public AdminPages(AuditLog audit, IntegrationStore integrations, SecretResolver secrets, ApiTokenStore tokens,
      Clock clock) {
    this.audit = audit;
    this.integrations = integrations;
    this.secrets = secrets;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * An integration as shown: its settings (never secret: credentials in a URL are refused when it
   * is configured) and, per credential, only whether it yields a value now.
   */
  public record IntegrationView(IntegrationConfig config, Map<String, String> settings, Map<String, String> credentials) {}

  @GetMapping("/audit")
  public String audit(@RequestParam(defaultValue = "") String actor, Model model) {
    model.addAttribute("entries", audit.list(actor.isBlank() ? null : actor.trim(), 200));
    model.addAttribute("actor", actor);
    return "console/audit";
  }

  @GetMapping("/settings")
  public String settings(Model model) {
    model.addAttribute("integrations", integrations.list().stream().map(i -> {
      Map<String, String> credentials = new LinkedHashMap<>();
      i.credentials().forEach((path, ref) -> credentials.put(path, secrets.state(ref)));
      return new IntegrationView(i, new java.util.TreeMap<>(i.settings()), credentials);
    }).toList());
    model.addAttribute("tokens", tokens.list());
    return "console/settings";
  }

  @PostMapping("/settings/tokens")
  public String createToken(@RequestParam(defaultValue = "") String name, HttpServletRequest req, Model model) {
    String n = name.strip();
    List<ApiToken> existing = tokens.list();
    if (!n.matches(TOKEN_NAME)) {
      model.addAttribute("tokenError", "A token name is lowercase letters, digits and dashes, e.g. ci-deploys.");
    } else if (existing.stream().anyMatch(t -> t.name().equals(n))) {
      model.addAttribute("tokenError", "A token named '" + n + "' exists already.");
    } else {
      String token = Tokens.newToken();
      tokens.create(new ApiToken(n, Tokens.hash(token), clock.instant(), Optional.empty(), false));
      audited(req, "token:create", n);
      // Shown in this answer only; it is not kept anywhere but as a hash.
      model.addAttribute("newToken", Map.of("name", n, "token", token));
    }
    return settings(model);
  }

  @PostMapping("/settings/tokens/{name}/revoke")
  public String revoke(@PathVariable String name, HttpServletRequest req) {
    if (!tokens.revoke(name)) throw LoginController.notFound("token '" + name + "'");
    audited(req, "token:revoke", name);
    return "redirect:/settings";
  }

  private void audited(HttpServletRequest req, String op, String target) {
    audit.record(new AuditEntry(clock.instant(), ConsoleSession.of(req).actor(), "", "vigil", op, target, "ok",
        Duration.ZERO));
  }
}
