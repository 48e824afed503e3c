package dev.vigil.integrations.git;

import dev.vigil.core.security.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * A repository to clone, and how.
 *
 * @param url https, ssh ({@code ssh://} or {@code git@host:owner/repo}) or {@code file://}
 * @param repository the name callers use for it, normally {@code owner/repo}; see {@link #of}
 * @param credentials user name and password (or token) for https; empty for anonymous, file and
 *     ssh (which uses the process's SSH keys and known hosts)
 * @param timeout how long a network operation may stay silent before it is abandoned
 */
public record GitRemote(
    String url, String repository, Optional<Credentials> credentials, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** https credentials; for a token the user name is whatever the host expects (GitHub: any). */
  public record Credentials(String username, Secret password) {
    public Credentials {
      if (username == null || username.isBlank() || password == null) {
        throw new IllegalArgumentException("git credentials need a user name and a password or token");
      }
    }
  }

  public GitRemote {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("git url must not be empty");
    }
    url = url.strip();
    if (repository == null || repository.isBlank()) {
      throw new IllegalArgumentException("repository name of " + redacted(url) + " must not be empty");
    }
    credentials = credentials == null ? Optional.empty() : credentials;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.toSeconds() < 1) {
      throw new IllegalArgumentException("git timeout must be at least 1s, was " + timeout);
    }
  }

  /** A remote named after the last two segments of its URL ({@code .../acme/shop.git} is {@code acme/shop}). */
  public static GitRemote of(String url) {
    return new GitRemote(url, nameOf(url), Optional.empty(), DEFAULT_TIMEOUT);
  }

  public GitRemote withCredentials(Credentials value) {
    return new GitRemote(url, repository, Optional.of(value), timeout);
  }

  public GitRemote withTimeout(Duration value) {
    return new GitRemote(url, repository, credentials, value);
  }

  public GitRemote withRepository(String value) {
    return new GitRemote(url, value, credentials, timeout);
  }

  /** The URL without any user info, fit for messages and logs. */
  public String redactedUrl() {
    return redacted(url);
  }

  static String nameOf(String url) {
    if (url == null) {
      throw new IllegalArgumentException("git url must not be empty");
    }
    String path = url.strip().replaceAll("[/\\\\]+$", "");
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    String[] parts = path.split("[/:\\\\]+");
    if (parts.length < 2 || parts[parts.length - 1].isBlank()) {
      throw new IllegalArgumentException("cannot name a repository after '" + redacted(url)
          + "': give the repository name explicitly");
    }
    return parts[parts.length - 2] + "/" + parts[parts.length - 1];
  }

  // user:password@ in an https URL is a credential; scp-like git@host: is not, but it goes too.
  static String redacted(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
  }
}
