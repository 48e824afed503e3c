package dev.vigil.integrations.github;

import dev.vigil.core.security.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how the REST client calls GitHub.
 *
 * @param baseUrl {@code https://api.github.com} or, for GitHub Enterprise Server,
 *     {@code https://HOST/api/v3}; a trailing slash is dropped
 * @param token sent as a bearer token; empty for anonymous calls (public repositories, low rate limit)
 * @param timeout for each request, from connecting to the last byte of the answer
 * @param apiVersion the {@code X-GitHub-Api-Version} this client was written against
 */
public record GitHubApiConfig(URI baseUrl, Optional<Secret> token, Duration timeout, String apiVersion) {
  public static final URI GITHUB_COM = URI.create("https://api.github.com");
  public static final String API_VERSION = "2022-11-28";

  public GitHubApiConfig {
    if (baseUrl == null || !baseUrl.isAbsolute()
        || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
      throw new IllegalArgumentException("github api url must be an absolute http(s) URL, was " + baseUrl);
    }
    if (baseUrl.getUserInfo() != null) {
      throw new IllegalArgumentException("github api url must not carry user info; use the token");
    }
    String text = baseUrl.toString();
    baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    token = token == null ? Optional.empty() : token;
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("github api timeout must be positive, was " + timeout);
    }
    apiVersion = apiVersion == null || apiVersion.isBlank() ? API_VERSION : apiVersion;
  }

  public static GitHubApiConfig of(URI baseUrl) {
    return new GitHubApiConfig(baseUrl, Optional.empty(), null, null);
  }

  public GitHubApiConfig withToken(Secret value) {
    return new GitHubApiConfig(baseUrl, Optional.of(value), timeout, apiVersion);
  }

  public GitHubApiConfig withTimeout(Duration value) {
    return new GitHubApiConfig(baseUrl, token, value, apiVersion);
  }
}
