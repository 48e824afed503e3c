package dev.vigil.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Who is logged in to the console, kept in the servlet session: the token's name (for the audit
 * trail), its hash (so a revoked token ends its sessions at the next request) and the session's
 * CSRF token, which every POST must echo in a form field or an htmx header.
 */
public record ConsoleSession(String tokenName, String tokenHash, String csrf) {
  static final String ATTRIBUTE = "vigil.console.session";
  /** The form field carrying the CSRF token. */
  public static final String CSRF_FIELD = "_csrf";
  /** The header htmx sends the CSRF token in. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final SecureRandom RANDOM = new SecureRandom();

  static ConsoleSession start(String tokenName, String tokenHash) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new ConsoleSession(tokenName, tokenHash, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The session of this request, once the filter has checked it. */
  public static ConsoleSession of(HttpServletRequest req) {
    Object s = req.getAttribute(ATTRIBUTE);
    if (s == null) throw new IllegalStateException("no console session on " + req.getRequestURI());
    return (ConsoleSession) s;
  }

  static Optional<ConsoleSession> stored(HttpSession session) {
    return session == null ? Optional.empty()
        : Optional.ofNullable(session.getAttribute(ATTRIBUTE)).map(ConsoleSession.class::cast);
  }

  /** The actor named in the audit log for what this session does. */
  public String actor() {
    return "console:" + tokenName;
  }

  /** Compares in constant time, so the token cannot be guessed byte by byte from timings. */
  boolean csrfMatches(String presented) {
    return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
