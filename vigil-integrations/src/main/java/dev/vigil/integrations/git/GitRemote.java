package dev.vigil.integrations.git;

import dev.vigil.core.security.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A repository to clone, and how.
 *
 * @param url https, ssh ({@code ssh://} or {@code git@host:owner/repo}) or {@code file://}
 * @param repository the name callers use for it, normally {@code owner/repo}; see {@link #of}
 * @param credentials user name and password (or token) for https; empty for anonymous and file
 * @param ssh the key and pinned host keys for ssh; empty to use the process's {@code ~/.ssh} keys
 *     and known hosts
 * @param timeout how long a network operation may stay silent before it is abandoned
 */
public record GitRemote(
    String url, String repository, Optional<Credentials> credentials, Optional<SshAccess> ssh, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * How Vigil logs in over ssh and which servers it trusts. A server is accepted only when its
   * host key matches one of the pinned fingerprints or an entry for its host in the known hosts
   * file; there is no trust on first use.
   *
   * @param privateKey the private key, OpenSSH or PEM text
   * @param passphrase the key's passphrase, when it is encrypted
   * @param hostKeyFingerprints SHA-256 fingerprints as {@code ssh-keygen -lf} prints them
   *     ({@code SHA256:} and 43 base64 characters)
   * @param knownHosts an OpenSSH {@code known_hosts} file
   */
  public record SshAccess(Secret privateKey, Optional<Secret> passphrase, List<String> hostKeyFingerprints,
      Optional<Path> knownHosts) {
    public SshAccess {
      if (privateKey == null) {
        throw new IllegalArgumentException("ssh access needs a private key");
      }
      passphrase = passphrase == null ? Optional.empty() : passphrase;
      hostKeyFingerprints = hostKeyFingerprints == null ? List.of() : List.copyOf(hostKeyFingerprints);
      knownHosts = knownHosts == null ? Optional.empty() : knownHosts;
      for (String fingerprint : hostKeyFingerprints) {
        if (!fingerprint.matches("SHA256:[A-Za-z0-9+/]{43}=?")) {
          throw new IllegalArgumentException("host key fingerprint '" + fingerprint + "' is not a SHA-256"
              + " fingerprint such as ssh-keygen -lf prints (SHA256: and 43 base64 characters)");
        }
      }
      if (hostKeyFingerprints.isEmpty() && knownHosts.isEmpty()) {
        throw new IllegalArgumentException("ssh with a private key needs the server's host key pinned:"
            + " ssh.hostKeyFingerprint (SHA256:...) or ssh.knownHosts (a known_hosts file)");
      }
    }
  }

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
    ssh = ssh == null ? Optional.empty() : ssh;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.toSeconds() < 1) {
      throw new IllegalArgumentException("git timeout must be at least 1s, was " + timeout);
    }
  }

  public GitRemote(String url, String repository, Optional<Credentials> credentials, Duration timeout) {
    this(url, repository, credentials, Optional.empty(), timeout);
  }

  /** A remote named after the last two segments of its URL ({@code .../acme/shop.git} is {@code acme/shop}). */
  public static GitRemote of(String url) {
    return new GitRemote(url, nameOf(url), Optional.empty(), DEFAULT_TIMEOUT);
  }

  public GitRemote withCredentials(Credentials value) {
    return new GitRemote(url, repository, Optional.of(value), ssh, timeout);
  }

  public GitRemote withSsh(SshAccess value) {
    return new GitRemote(url, repository, credentials, Optional.of(value), timeout);
  }

  public GitRemote withTimeout(Duration value) {
    return new GitRemote(url, repository, credentials, ssh, value);
  }

  public GitRemote withRepository(String value) {
    return new GitRemote(url, value, credentials, ssh, timeout);
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
