package dev.vigil.integrations.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.change.Changeset;
import dev.vigil.core.change.CommitSha;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationType;
import dev.vigil.core.integration.SecretRef;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.port.ChangeSource;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.integrations.github.GitHubApiConfig;
import dev.vigil.integrations.github.GitHubChangeSource;
import dev.vigil.integrations.github.GitHubRestClient;
import dev.vigil.integrations.testing.MapIntegrationStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From an {@code integrations:} entry to a change source, its credentials resolved at opening. */
class ConfiguredChangeSourcesTest {
  private final SecretResolver secrets = new SecretResolver(Map.of("GIT_TOKEN", "glpat-secret", "GH_TOKEN",
      "ghp_secret")::get);
  private final ConfiguredIntegrations connections = new ConfiguredIntegrations(new MapIntegrationStore(), secrets);

  @TempDir Path temp;

  @Test
  void a_git_integration_clones_into_the_given_workspace_and_reads_a_changeset() throws Exception {
    Path upstream = temp.resolve("acme/shop");
    Files.createDirectories(upstream);
    RevCommit first;
    RevCommit second;
    try (Git git = Git.init().setDirectory(upstream.toFile()).setInitialBranch("main").call()) {
      Files.writeString(upstream.resolve("a.txt"), "one\n");
      git.add().addFilepattern(".").call();
      first = git.commit().setMessage("one").setSign(false).call();
      Files.writeString(upstream.resolve("a.txt"), "one\ntwo\n");
      git.add().addFilepattern(".").call();
      second = git.commit().setMessage("two").setSign(false).call();
    }
    IntegrationConfig config = new IntegrationConfig("git-shop", IntegrationType.GIT, List.of(),
        Map.of("url", upstream.toUri().toString()), Map.of());
    Path workspace = temp.resolve("workspaces/deploy-watch");

    ChangeSource source = connections.changes(config, workspace);
    Changeset changes = source.changeset("acme/shop", CommitSha.of(first.name()), CommitSha.of(second.name()));

    assertThat(source.integration()).isEqualTo("git-shop");
    assertThat(changes.files()).singleElement().satisfies(f -> assertThat(f.additions()).isEqualTo(1));
    assertThat(workspace.resolve("git")).isDirectory();
  }

  @Test
  void a_git_token_is_sent_as_the_https_password() {
    IntegrationConfig config = new IntegrationConfig("git-shop", IntegrationType.GIT, List.of(),
        Map.of("url", "https://git.example.com/acme/shop.git"),
        Map.of("auth.bearerToken", new SecretRef.Env("GIT_TOKEN")));

    GitRemote remote = ConfiguredIntegrations.gitRemote(config, secrets);

    assertThat(remote.repository()).isEqualTo("acme/shop");
    assertThat(remote.credentials()).hasValueSatisfying(c -> assertThat(c.password().reveal()).isEqualTo("glpat-secret"));
  }

  @Test
  void a_github_integration_uses_its_enterprise_url_token_and_timeout() {
    IntegrationConfig config = new IntegrationConfig("github-main", IntegrationType.GITHUB, List.of(),
        Map.of("url", "https://ghe.example.com/api/v3/", "timeout", "20s"),
        Map.of("token", new SecretRef.Env("GH_TOKEN")));

    GitHubApiConfig api = ConfiguredIntegrations.gitHubConfig(config, secrets);

    assertThat(api.baseUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
    assertThat(api.token()).hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo("ghp_secret"));
    assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(connections.changes(config, temp)).isInstanceOf(GitHubChangeSource.class);
  }

  @Test
  void a_github_client_is_kept_until_the_configuration_or_the_token_changes() {
    Map<String, String> environment = new java.util.concurrent.ConcurrentHashMap<>(Map.of("GH_TOKEN", "ghp_one"));
    ConfiguredIntegrations rotating = new ConfiguredIntegrations(new MapIntegrationStore(),
        new SecretResolver(environment::get));
    IntegrationConfig config = new IntegrationConfig("github-main", IntegrationType.GITHUB, List.of(),
        Map.of(), Map.of("token", new SecretRef.Env("GH_TOKEN")));

    GitHubRestClient first = clientOf(rotating.changes(config, temp));
    assertThat(clientOf(rotating.changes(config, temp))).isSameAs(first);
    environment.put("GH_TOKEN", "ghp_two");
    GitHubRestClient rotated = clientOf(rotating.changes(config, temp));
    assertThat(rotated).isNotSameAs(first);
    IntegrationConfig moved = new IntegrationConfig("github-main", IntegrationType.GITHUB, List.of(),
        Map.of("url", "https://ghe.example.com/api/v3"), Map.of("token", new SecretRef.Env("GH_TOKEN")));
    assertThat(clientOf(rotating.changes(moved, temp))).isNotSameAs(rotated);
  }

  private static GitHubRestClient clientOf(ChangeSource source) {
    return ((GitHubChangeSource) source).client();
  }

  @Test
  void other_types_are_refused_naming_the_type() {
    IntegrationConfig prom = new IntegrationConfig("prom-main", IntegrationType.PROMETHEUS, List.of(),
        Map.of("url", "http://prometheus:9090"), Map.of());

    assertThatThrownBy(() -> connections.changes(prom, temp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'prom-main' is a prometheus integration");
  }
}
