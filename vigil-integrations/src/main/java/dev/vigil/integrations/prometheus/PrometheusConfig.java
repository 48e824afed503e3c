package dev.vigil.integrations.prometheus;

import dev.vigil.core.security.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * How to reach one Prometheus-compatible API.
 *
 * @param baseUrl the URL under which {@code /api/v1/...} lives, e.g. {@code http://prometheus:9090}
 *     or {@code http://mimir/prometheus}
 * @param authentication credentials sent with every request, if any
 * @param tenant the {@code X-Scope-OrgID} header Mimir, Cortex and Thanos Receive use to pick a
 *     tenant, if any
 * @param timeout how long one call may take in total, retries and their waits included
 * @param retry how often and how patiently to try again on 5xx, 429 and connection failures
 * @param limits how large an answer may be before it is refused
 */
public record PrometheusConfig(URI baseUrl, Optional<Authentication> authentication, Optional<String> tenant,
    Duration timeout, Retry retry, Limits limits) {

  public PrometheusConfig {
    if (baseUrl == null || baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?")) {
      throw new IllegalArgumentException("prometheus url must be an http(s) URL, got '" + baseUrl + "'");
    }
    String text = baseUrl.toString();
    baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    authentication = authentication == null ? Optional.empty() : authentication;
    tenant = tenant == null ? Optional.empty() : tenant.filter(t -> !t.isBlank());
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("prometheus timeout must be positive, got " + timeout);
    }
    if (retry == null || limits == null) {
      throw new IllegalArgumentException("prometheus retry and limits are required (use defaults())");
    }
  }

  /** No credentials, no tenant, 30 s per call, 3 attempts, 16 MiB and 10,000 series at most. */
  public static PrometheusConfig of(URI baseUrl) {
    return new PrometheusConfig(baseUrl, Optional.empty(), Optional.empty(), Duration.ofSeconds(30),
        Retry.defaults(), Limits.defaults());
  }

  public PrometheusConfig withAuthentication(Authentication authentication) {
    return new PrometheusConfig(baseUrl, Optional.of(authentication), tenant, timeout, retry, limits);
  }

  public PrometheusConfig withTenant(String tenant) {
    return new PrometheusConfig(baseUrl, authentication, Optional.of(tenant), timeout, retry, limits);
  }

  public PrometheusConfig withTimeout(Duration timeout) {
    return new PrometheusConfig(baseUrl, authentication, tenant, timeout, retry, limits);
  }

  public PrometheusConfig withRetry(Retry retry) {
    return new PrometheusConfig(baseUrl, authentication, tenant, timeout, retry, limits);
  }

  public PrometheusConfig withLimits(Limits limits) {
    return new PrometheusConfig(baseUrl, authentication, tenant, timeout, retry, limits);
  }

  /** Credentials; their secrets print as {@code ***}. */
  public sealed interface Authentication {
    /** The {@code Authorization} header value. */
    String header();

    /** HTTP basic authentication (Grafana Cloud, a reverse proxy, Prometheus' own web config). */
    record Basic(String username, Secret password) implements Authentication {
      public Basic {
        if (username == null || username.isEmpty() || username.contains(":")) {
          throw new IllegalArgumentException("basic auth username must be non-empty and contain no ':'");
        }
        if (password == null) {
          throw new IllegalArgumentException("basic auth for '" + username + "' needs a password");
        }
      }

      @Override
      public String header() {
        return "Basic " + Base64.getEncoder().encodeToString(
            (username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
      }
    }

    /** A bearer token (an OAuth proxy, a service account token). */
    record Bearer(Secret token) implements Authentication {
      public Bearer {
        if (token == null) {
          throw new IllegalArgumentException("bearer authentication needs a token");
        }
      }

      @Override
      public String header() {
        return "Bearer " + token.reveal();
      }
    }
  }

  /**
   * Exponential backoff: wait {@code initialBackoff}, then twice that, up to {@code maxBackoff},
   * between at most {@code maxAttempts} attempts, all within the call's timeout.
   */
  public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("retry maxAttempts must be at least 1, got " + maxAttempts);
      }
      if (initialBackoff == null || initialBackoff.isNegative() || maxBackoff == null
          || maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("retry backoff must satisfy 0 <= initial <= max, got "
            + initialBackoff + " and " + maxBackoff);
      }
    }

    public static Retry defaults() {
      return new Retry(3, Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    public static Retry none() {
      return new Retry(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed. */
    public Duration backoffAfter(int attempt) {
      Duration wait = initialBackoff;
      for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
      return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
  }

  /**
   * @param maxBytes the largest answer body read, after decompression
   * @param maxSeries the most series (or label sets) one answer may hold
   */
  public record Limits(long maxBytes, int maxSeries) {
    public Limits {
      if (maxBytes < 1 || maxSeries < 1) {
        throw new IllegalArgumentException("limits must be positive, got " + maxBytes + " bytes, " + maxSeries
            + " series");
      }
    }

    public static Limits defaults() {
      return new Limits(16L * 1024 * 1024, 10_000);
    }
  }
}
