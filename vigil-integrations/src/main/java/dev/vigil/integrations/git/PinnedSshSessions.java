package dev.vigil.integrations.git;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.integration.IntegrationFailure.Kind;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGit ssh sessions for one remote that log in with the configured key only and accept a server
 * only when its host key is pinned. Nothing of the process's {@code ~/.ssh} is read (keys, config,
 * known hosts, agent), so what a clone trusts is exactly what the integration says. One per clone
 * or fetch; close it afterwards (it holds an ssh client).
 */
final class PinnedSshSessions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PinnedSshSessions.class);
  private final AtomicReference<String> refusedHostKey = new AtomicReference<>();
  // Set once by open(): the factory's host key check reports refusals into this instance.
  private SshdSessionFactory factory;

  private PinnedSshSessions() {}

  /**
   * @param home an empty folder JGit may treat as the home directory; nothing is written there
   * @throws IntegrationFailure {@code INVALID} when the key or the known hosts file cannot be read
   */
  static PinnedSshSessions open(GitRemote remote, GitRemote.SshAccess access, Path home) throws IntegrationFailure {
    List<KeyPair> keys = keys(access);
    List<KnownHostEntry> known = knownHosts(access);
    URIish uri;
    try {
      uri = new URIish(remote.url());
    } catch (URISyntaxException e) {
      throw new IntegrationFailure(Kind.INVALID, "'" + remote.redactedUrl() + "' is not a git URL: " + e.getMessage(), e);
    }
    String host = uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : 22;
    File homeDir = home.toFile();
    PinnedSshSessions sessions = new PinnedSshSessions();
    Pins pins = sessions.new Pins(access.hostKeyFingerprints(), known, host, port);
    sessions.factory = new SshdSessionFactoryBuilder()
        .setHomeDirectory(homeDir)
        .setSshDirectory(new File(homeDir, ".ssh"))
        .setConfigFile(dir -> new File(homeDir, "no-ssh-config"))
        .setDefaultIdentities(dir -> List.of())
        .setDefaultKnownHostsFiles(dir -> List.of())
        .setDefaultKeysProvider(dir -> keys)
        .setPreferredAuthentications("publickey")
        .setServerKeyDatabase((h, s) -> pins)
        .build(null);
    return sessions;
  }

  SshdSessionFactory factory() {
    return factory;
  }

  /** The fingerprint of a host key that was refused during the last session, if one was. */
  Optional<String> refusedHostKey() {
    return Optional.ofNullable(refusedHostKey.get());
  }

  @Override
  public void close() {
    factory.close();
  }

  private static List<KeyPair> keys(GitRemote.SshAccess access) throws IntegrationFailure {
    byte[] text = access.privateKey().reveal().getBytes(StandardCharsets.UTF_8);
    FilePasswordProvider password = access.passphrase()
        .map(p -> FilePasswordProvider.of(p.reveal())).orElse(FilePasswordProvider.EMPTY);
    List<KeyPair> out = new ArrayList<>();
    try {
      Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("auth.sshKey"),
          new ByteArrayInputStream(text), password);
      if (loaded != null) loaded.forEach(out::add);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The parser's message names the format problem, never the key's content.
      throw new IntegrationFailure(Kind.INVALID, "auth.sshKey is not a readable private key (OpenSSH or PEM"
          + (access.passphrase().isEmpty() ? "; an encrypted key needs auth.sshKeyPassphrase" : "") + "): "
          + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IntegrationFailure(Kind.INVALID, "auth.sshKey holds no private key (expected OpenSSH or PEM text, e.g."
          + " ${file:/etc/vigil/deploy_key})");
    }
    return List.copyOf(out);
  }

  private static List<KnownHostEntry> knownHosts(GitRemote.SshAccess access) throws IntegrationFailure {
    if (access.knownHosts().isEmpty()) return List.of();
    Path file = access.knownHosts().get();
    if (!Files.isReadable(file)) {
      throw new IntegrationFailure(Kind.INVALID, "ssh.knownHosts: cannot read " + file);
    }
    try {
      return List.copyOf(KnownHostEntry.readKnownHostEntries(file));
    } catch (IOException | RuntimeException e) {
      throw new IntegrationFailure(Kind.INVALID, "ssh.knownHosts: " + file + " is not a known_hosts file: " + e.getMessage(), e);
    }
  }

  /** Host keys Vigil accepts for this remote: pinned fingerprints and matching known_hosts entries. */
  private final class Pins implements ServerKeyDatabase {
    private final List<String> fingerprints;
    private final List<KnownHostEntry> known;
    private final String host;
    private final int port;

    Pins(List<String> fingerprints, List<KnownHostEntry> known, String host, int port) {
      this.fingerprints = fingerprints;
      this.known = known;
      this.host = host;
      this.port = port;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
      List<PublicKey> keys = new ArrayList<>();
      for (KnownHostEntry entry : known) {
        if (entry.getMarker() == null && entry.isHostMatch(host, port)) {
          resolve(entry).ifPresent(keys::add);
        }
      }
      return keys;
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
        Configuration config, CredentialsProvider provider) {
      String fingerprint = KeyUtils.getFingerPrint(serverKey);
      boolean accepted = fingerprints.contains(fingerprint);
      for (KnownHostEntry entry : known) {
        if (!entry.isHostMatch(host, port)) continue;
        Optional<PublicKey> key = resolve(entry);
        if (key.isEmpty() || !KeyUtils.compareKeys(key.get(), serverKey)) continue;
        if ("revoked".equals(entry.getMarker())) {
          accepted = false;
          break;
        }
        if (entry.getMarker() == null) accepted = true;
      }
      if (!accepted) {
        refusedHostKey.set(fingerprint);
        log.warn("ssh host key refused host={} port={} fingerprint={} reason=\"not pinned by ssh.hostKeyFingerprint"
            + " or ssh.knownHosts\"", host, port, fingerprint);
      }
      return accepted;
    }

    private Optional<PublicKey> resolve(KnownHostEntry entry) {
      try {
        return Optional.ofNullable(entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING));
      } catch (IOException | GeneralSecurityException e) {
        log.debug("ssh known_hosts entry skipped host={} reason=\"{}\"", host, e.getMessage());
        return Optional.empty();
      }
    }
  }
}
