package dev.vigil.server.console;

import dev.vigil.core.audit.AuditEntry;
import dev.vigil.core.port.ApiTokenStore;
import dev.vigil.core.port.AuditLog;
import dev.vigil.core.security.ApiToken;
import dev.vigil.server.security.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Logging in to the console with an API token, and out. */
@Controller
public class LoginController {
  private final ApiTokenStore tokens;
  private final AuditLog audit;
  private final Clock clock;

  public LoginController(ApiTokenStore tokens, AuditLog audit, Clock clock) {
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/login")
  public String loginPage(@RequestParam(defaultValue = "/") String next, Model model) {
    model.addAttribute("next", localPath(next));
    return "console/login";
  }

  @PostMapping("/login")
  public String login(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "/") String next,
      HttpServletRequest req, Model model) {
    Optional<ApiToken> found = token.isBlank() ? Optional.empty() : tokens.findActiveByHash(Tokens.hash(token.trim()));
    if (found.isEmpty()) {
      model.addAttribute("next", localPath(next));
      model.addAttribute("error", token.isBlank() ? "Enter an API token." : "That token is not valid or was revoked.");
      return "console/login";
    }
    // A new session id at login, so an id planted before it (session fixation) is worth nothing.
    HttpSession old = req.getSession(false);
    if (old != null) old.invalidate();
    HttpSession session = req.getSession(true);
    ConsoleSession console = ConsoleSession.start(found.get().name(), found.get().hash());
    session.setAttribute(ConsoleSession.ATTRIBUTE, console);
    tokens.touch(found.get().name(), clock.instant());
    audit.record(new AuditEntry(clock.instant(), console.actor(), "", "vigil", "console:login", found.get().name(), "ok",
        Duration.ZERO));
    return "redirect:" + localPath(next);
  }

  @PostMapping("/logout")
  public String logout(HttpServletRequest req) {
    HttpSession session = req.getSession(false);
    if (session != null) session.invalidate();
    return "redirect:/login";
  }

  /** Only a path on this server, so the login page cannot be made to send people elsewhere. */
  static String localPath(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
        || next.chars().anyMatch(Character::isISOControl)) {
      return "/";
    }
    return next;
  }

  static ResponseStatusException notFound(String what) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, what + " not found");
  }
}
