package dev.vigil.integrations.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.security.Secret;
import dev.vigil.integrations.ConfiguredIntegrations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.UploadPack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clones and fetches over ssh from a real ssh server: Apache MINA SSHD on a free loopback port with
 * a host key made here, one authorized client key, and {@code git-upload-pack} served by JGit's
 * {@link UploadPack} on a repository built here.
 */
class GitOverSshTest {
  @TempDir Path temp;
  private SshServer server;
  private KeyPair hostKey;
  private KeyPair clientKey;
  // Sessions in which a client key was offered (the server asks about a key, then checks its signature).
  private final Set<Object> logins = ConcurrentHashMap.newKeySet();
  private Git upstream;
  private RevCommit first;
  private RevCommit second;

  @BeforeEach
  void start() throws Exception {
    hostKey = ecKey();
    clientKey = ecKey();
    Path repo = temp.resolve("srv/acme/shop");
    Files.createDirectories(repo);
    upstream = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
    first = commit("a.txt", "one\n", "one");
    second = commit("a.txt", "one\ntwo\n", "two");

    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> {
      logins.add(session);
      return user.equals("git") && KeyUtils.compareKeys(key, clientKey.getPublic());
    });
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new UploadPackCommand(temp.resolve("srv"), command));
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.stop(true);
    upstream.close();
  }

  @Test
  void a_pinned_host_and_an_authorized_key_clone_and_fetch_a_changeset_over_ssh() throws Exception {
    GitChangeSource source = source(access(clientKey, List.of(fingerprint(hostKey)), Optional.empty()));

    Changeset changes = source.changeset("acme/shop", sha(first), sha(second));
    assertThat(changes.commits()).singleElement().satisfies(c -> assertThat(c.subject()).isEqualTo("two"));
    assertThat(changes.files()).singleElement().satisfies(f -> assertThat(f.additions()).isEqualTo(1));

    RevCommit third = commit("b.txt", "new\n", "three");
    Changeset fetched = source.changeset("acme/shop", sha(second), sha(third));
    assertThat(fetched.files()).singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("b.txt"));
    assertThat(logins).as("one login for the clone, one for the fetch").hasSize(2);
  }

  @Test
  void a_known_hosts_file_pins_the_host_as_well() throws Exception {
    Path knownHosts = temp.resolve("known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
        + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");

    Changeset changes = source(access(clientKey, List.of(), Optional.of(knownHosts)))
        .changeset("acme/shop", sha(first), sha(second));

    assertThat(changes.commits()).hasSize(1);
  }

  @Test
  void a_host_key_that_is_not_pinned_is_refused_before_any_login() throws Exception {
    KeyPair impostor = ecKey();
    Path knownHosts = temp.resolve("known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
        + PublicKeyEntry.toString(impostor.getPublic()) + "\n");

    for (GitRemote.SshAccess access : List.of(
        access(clientKey, List.of(fingerprint(impostor)), Optional.empty()),
        access(clientKey, List.of(), Optional.of(knownHosts)))) {
      assertThatThrownBy(() -> source(access).changeset("acme/shop", sha(first), sha(second)))
          .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED))
          .hasMessageContaining("host key")
          .hasMessageContaining(fingerprint(hostKey))
          .hasMessageContaining("not pinned");
    }
    assertThat(logins).as("the key is never offered to an unknown host").isEmpty();
    assertThat(temp.resolve("workspace/git")).isDirectory();
    try (var clones = Files.list(temp.resolve("workspace/git"))) {
      assertThat(clones.filter(p -> p.getFileName().toString().endsWith(".git")).toList())
          .as("a refused clone leaves nothing").isEmpty();
    }
  }

  @Test
  void a_key_the_server_does_not_authorize_is_a_clear_authentication_error() throws Exception {
    KeyPair stranger = ecKey();
    String strangerText = privateKeyText(stranger);

    assertThatThrownBy(() -> source(access(stranger, List.of(fingerprint(hostKey)), Optional.empty()))
        .changeset("acme/shop", sha(first), sha(second)))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.DENIED))
        .hasMessageContaining("refused the key of auth.sshKey")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(strangerText.lines().skip(1).findFirst().orElseThrow()));
    assertThat(logins).isNotEmpty();
  }

  @Test
  void a_key_that_is_not_a_private_key_is_refused_without_connecting() {
    GitRemote.SshAccess garbage = new GitRemote.SshAccess(new Secret("not a key"), Optional.empty(),
        List.of(fingerprint(hostKey)), Optional.empty());

    assertThatThrownBy(() -> source(garbage).changeset("acme/shop", sha(first), sha(second)))
        .isInstanceOfSatisfying(IntegrationFailure.class, f -> assertThat(f.kind()).isEqualTo(IntegrationFailure.Kind.INVALID))
        .hasMessageContaining("auth.sshKey");
    assertThat(logins).isEmpty();
  }

  @Test
  void ssh_with_a_key_needs_a_pinned_host_key() {
    assertThatThrownBy(() -> new GitRemote.SshAccess(new Secret("k"), Optional.empty(), List.of(), Optional.empty()))
        .hasMessageContaining("ssh.hostKeyFingerprint");
    assertThatThrownBy(() -> new GitRemote.SshAccess(new Secret("k"), Optional.empty(), List.of("MD5:ab:cd"),
        Optional.empty())).hasMessageContaining("SHA256:");
  }

  @Test
  void a_git_integration_reads_its_ssh_key_from_a_file_reference() throws Exception {
    Path keyFile = temp.resolve("deploy_key");
    Files.writeString(keyFile, privateKeyText(clientKey));
    IntegrationConfig config = new IntegrationConfig("git-shop", IntegrationType.GIT, List.of(),
        Map.of("url", url(), "ssh.hostKeyFingerprint", "SHA256:" + "A".repeat(43) + ", " + fingerprint(hostKey)),
        Map.of("auth.sshKey", SecretRef.parse("${file:" + keyFile + "}")));
    GitRemote remote = ConfiguredIntegrations.gitRemote(config, new SecretResolver(Map.<String, String>of()::get));

    assertThat(remote.ssh()).hasValueSatisfying(a -> assertThat(a.hostKeyFingerprints()).hasSize(2));
    assertThat(remote.toString()).doesNotContain("PRIVATE KEY");
    Changeset changes = new GitChangeSource("git-shop", remote, temp.resolve("workspace"))
        .changeset("acme/shop", sha(first), sha(second));
    assertThat(changes.commits()).hasSize(1);
  }

  private GitChangeSource source(GitRemote.SshAccess access) {
    return new GitChangeSource("git-shop", GitRemote.of(url()).withSsh(access), temp.resolve("workspace"));
  }

  private String url() {
    return "ssh://git@127.0.0.1:" + server.getPort() + "/acme/shop.git";
  }

  private static GitRemote.SshAccess access(KeyPair key, List<String> fingerprints, Optional<Path> knownHosts)
      throws Exception {
    return new GitRemote.SshAccess(new Secret(privateKeyText(key)), Optional.empty(), fingerprints, knownHosts);
  }

  private static String privateKeyText(KeyPair key) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "vigil-test", null, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String fingerprint(KeyPair key) {
    return KeyUtils.getFingerPrint(key.getPublic());
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private RevCommit commit(String file, String text, String message) throws Exception {
    Files.writeString(upstream.getRepository().getWorkTree().toPath().resolve(file), text);
    upstream.add().addFilepattern(".").call();
    return upstream.commit().setMessage(message).setSign(false).call();
  }

  private static CommitSha sha(RevCommit commit) {
    return CommitSha.of(commit.name());
  }

  /** {@code git-upload-pack '/owner/repo.git'}, as git's ssh transport runs it, served by JGit. */
  private static final class UploadPackCommand implements Command {
    private final Path root;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    UploadPackCommand(Path root, String command) {
      this.root = root;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream value) {
      in = value;
    }

    @Override
    public void setOutputStream(OutputStream value) {
      out = value;
    }

    @Override
    public void setErrorStream(OutputStream value) {
      err = value;
    }

    @Override
    public void setExitCallback(ExitCallback value) {
      exit = value;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread.ofVirtual().start(this::serve);
    }

    private void serve() {
      String prefix = "git-upload-pack ";
      if (!command.startsWith(prefix)) {
        fail("only git-upload-pack is served, not: " + command);
        return;
      }
      String path = command.substring(prefix.length()).replace("'", "").replaceAll("^/+", "")
          .replaceAll("\\.git$", "");
      Path dir = root.resolve(path).normalize();
      if (!dir.startsWith(root) || !Files.isDirectory(dir.resolve(".git"))) {
        fail("no repository " + path);
        return;
      }
      try (Git git = Git.open(dir.toFile())) {
        Repository repository = git.getRepository();
        new UploadPack(repository).upload(in, out, err);
        out.flush();
        exit.onExit(0);
      } catch (IOException e) {
        fail(e.getMessage());
      }
    }

    private void fail(String message) {
      try {
        err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException ignored) {
        // the client has gone; the exit status still tells it
      }
      exit.onExit(1, message);
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
