package dev.vigil.server.web;

import dev.vigil.core.port.ApiTokenStore;
import dev.vigil.core.security.ApiToken;
import dev.vigil.server.config.ServerSettings;
import dev.vigil.server.security.Tokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate in front of the API and the webhooks: refuses bodies over the limit (413) before they
 * are read, and requires a valid bearer token on {@code /api/v1}. Webhooks authenticate in their
 * controller, where the raw body is at hand for signatures.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiGateFilter extends OncePerRequestFilter {
  /** Attribute holding the authenticated token's name, for the audit trail. */
  public static final String ACTOR = "vigil.actor";
  private final ApiTokenStore tokens;
  private final long maxBody;
  private final Clock clock;

  public ApiGateFilter(ApiTokenStore tokens, ServerSettings settings, Clock clock) {
    this.tokens = tokens;
    this.maxBody = settings.maxBodyBytes();
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.startsWith("/api/v1/") || path.equals("/api/v1") || path.startsWith("/hooks/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws ServletException, IOException {
    long length = req.getContentLengthLong();
    if (length > maxBody) {
      write(res, 413, "Content Too Large", "request body of " + length + " bytes is larger than the limit of "
          + maxBody + " bytes (VIGIL_MAX_BODY)", req);
      return;
    }
    if (req.getRequestURI().startsWith("/api/v1")) {
      Optional<ApiToken> token = authenticate(req);
      if (token.isEmpty()) {
        res.setHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
        write(res, 401, "Unauthorized", req.getHeader("Authorization") == null
            ? "missing bearer token: send 'Authorization: Bearer <token>' (the admin token is in <data>/admin-token)"
            : "the bearer token is not valid or was revoked", req);
        return;
      }
      req.setAttribute(ACTOR, "api:" + token.get().name());
    }
    chain.doFilter(new LimitedBodyRequest(req, maxBody), res);
  }

  /** The token of an {@code Authorization: Bearer} header, if it is valid. */
  public Optional<ApiToken> authenticate(HttpServletRequest req) {
    String header = req.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
    String presented = header.substring(7).trim();
    if (presented.isEmpty()) return Optional.empty();
    Optional<ApiToken> token = tokens.findActiveByHash(Tokens.hash(presented));
    token.ifPresent(t -> {
      if (t.lastUsedAt().map(at -> at.isBefore(clock.instant().minusSeconds(60))).orElse(true)) {
        tokens.touch(t.name(), clock.instant());
      }
    });
    return token;
  }

  static void write(HttpServletResponse res, int status, String title, String detail, HttpServletRequest req)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", req.getRequestURI());
    res.setStatus(status);
    res.setContentType("application/problem+json");
    res.getWriter().write(Bodies.JSON.writeValueAsString(body));
  }

  /** Counts bytes as they are read, for bodies sent without a length (chunked). */
  private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    LimitedBodyRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++read > limit) throw new PayloadTooLargeException(limit);
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0 && (read += n) > limit) throw new PayloadTooLargeException(limit);
            return n;
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
