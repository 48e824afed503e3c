package dev.vigil.integrations.alertmanager;

import dev.vigil.core.security.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * How to reach one Alertmanager's API v2.
 *
 * @param baseUrl where {@code /api/v2} lives, e.g. {@code http://alertmanager:9093}
 * @param authorization the whole {@code Authorization} header value, if any (see {@link #basic} and
 *     {@link #bearer}); prints as {@code ***}
 * @param tenant the {@code X-Scope-OrgID} header of a multi-tenant Alertmanager (Mimir), if any
 * @param timeout how long one call may take in total, retries included
 * @param maxAttempts attempts for reads and expiries on 5xx or connection failure; creating a
 *     silence is sent once, since a retry after a lost answer would create a second silence
 * @param maxBytes the largest answer read
 */
public record AlertmanagerConfig(URI baseUrl, Optional<Secret> authorization, Optional<String> tenant,
    Duration timeout, int maxAttempts, long maxBytes) {
  public AlertmanagerConfig {
    if (baseUrl == null || baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?")) {
      throw new IllegalArgumentException("alertmanager url must be an http(s) URL, got '" + baseUrl + "'");
    }
    String text = baseUrl.toString();
    baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    authorization = authorization == null ? Optional.empty() : authorization;
    tenant = tenant == null ? Optional.empty() : tenant.filter(t -> !t.isBlank());
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("alertmanager timeout must be positive, got " + timeout);
    }
    if (maxAttempts < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("alertmanager maxAttempts and maxBytes must be positive");
    }
  }

  /** No credentials, 15 s per call, 3 attempts, 8 MiB answers. */
  public static AlertmanagerConfig of(URI baseUrl) {
    return new AlertmanagerConfig(baseUrl, Optional.empty(), Optional.empty(), Duration.ofSeconds(15), 3,
        8L * 1024 * 1024);
  }

  public AlertmanagerConfig withAuthorization(Secret authorization) {
    return new AlertmanagerConfig(baseUrl, Optional.of(authorization), tenant, timeout, maxAttempts, maxBytes);
  }

  public AlertmanagerConfig withTenant(String tenant) {
    return new AlertmanagerConfig(baseUrl, authorization, Optional.of(tenant), timeout, maxAttempts, maxBytes);
  }

  public AlertmanagerConfig withTimeout(Duration timeout) {
    return new AlertmanagerConfig(baseUrl, authorization, tenant, timeout, maxAttempts, maxBytes);
  }

  /** The header value for HTTP basic authentication. */
  public static Secret basic(String username, Secret password) {
    return new Secret("Basic " + Base64.getEncoder().encodeToString(
        (username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8)));
  }

  /** The header value for a bearer token. */
  public static Secret bearer(Secret token) {
    return new Secret("Bearer " + token.reveal());
  }
}
