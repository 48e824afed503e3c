package dev.vigil.server.console;

import dev.vigil.core.port.ApiTokenStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's gate: every page needs a logged-in session whose token is still valid (else a
 * redirect to the login page), and every state-changing request needs the session's CSRF token
 * and, when the browser sends one, an Origin of this server. The API, webhooks, health, metrics and
 * static files are not the console's and pass untouched (the API keeps its bearer tokens: a
 * session cookie never authenticates an API call).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ConsoleAuthFilter extends OncePerRequestFilter {
  private static final List<String> NOT_CONSOLE = List.of("/api/", "/hooks/", "/healthz", "/readyz", "/metrics",
      "/swagger-ui", "/v3/api-docs", "/webjars/", "/assets/", "/favicon.ico", "/error");
  private static final List<String> PUBLIC_PAGES = List.of("/login");
  private final ApiTokenStore tokens;

  public ConsoleAuthFilter(ApiTokenStore tokens) {
    this.tokens = tokens;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.equals("/api") || NOT_CONSOLE.stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws ServletException, IOException {
    securityHeaders(res);
    boolean changesState = !("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()));
    if (changesState && !sameOrigin(req)) {
      res.sendError(403, "cross-origin request refused");
      return;
    }
    String path = req.getRequestURI();
    if (PUBLIC_PAGES.contains(path)) {
      chain.doFilter(req, res);
      return;
    }
    HttpSession httpSession = req.getSession(false);
    Optional<ConsoleSession> session = ConsoleSession.stored(httpSession)
        .filter(s -> tokens.findActiveByHash(s.tokenHash()).isPresent());
    if (session.isEmpty()) {
      if (httpSession != null) httpSession.invalidate();
      toLogin(req, res);
      return;
    }
    if (changesState && !session.get().csrfMatches(presentedCsrf(req))) {
      res.sendError(403, "missing or wrong CSRF token: reload the page and try again");
      return;
    }
    req.setAttribute(ConsoleSession.ATTRIBUTE, session.get());
    chain.doFilter(req, res);
  }

  private static String presentedCsrf(HttpServletRequest req) {
    String header = req.getHeader(ConsoleSession.CSRF_HEADER);
    return header != null ? header : req.getParameter(ConsoleSession.CSRF_FIELD);
  }

  /**
   * SameSite=Strict already keeps the cookie off cross-site requests; checking Origin also covers
   * the login form, which has no session (and so no CSRF token) yet.
   */
  private static boolean sameOrigin(HttpServletRequest req) {
    String origin = req.getHeader("Origin");
    if (origin == null) return true;
    String host = req.getHeader("Host");
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private static void toLogin(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String next = req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
    String login = "/login" + ("/".equals(next) || !"GET".equals(req.getMethod()) ? ""
        : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    if (req.getHeader("HX-Request") != null) {
      // htmx follows a redirect inside the swapped fragment; HX-Redirect makes it load the login page.
      res.setHeader("HX-Redirect", login);
      res.setStatus(401);
      return;
    }
    res.sendRedirect(login);
  }

  private static void securityHeaders(HttpServletResponse res) {
    res.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self';"
        + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
  }
}
