package dev.vigil.integrations.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.graph.ContextGraph.Owner;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.SourceFiles;
import dev.vigil.graph.GraphSnapshot;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.codeowners.CodeownersSource;
import dev.vigil.integrations.backstage.BackstageCatalogSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog files and CODEOWNERS read from a real repository over file://, the way a remote is read. */
class GitSourceFilesTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
  static final String CATALOG = """
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: checkout
        annotations:
          vigil.dev/paths: services/checkout
      spec:
        owner: %s
      """;

  @TempDir Path temp;
  Git upstream;
  Path upstreamDir;

  @BeforeEach
  void createUpstream() throws Exception {
    upstreamDir = temp.resolve("acme/shop");
    Files.createDirectories(upstreamDir.resolve("services/checkout"));
    Files.createDirectories(upstreamDir.resolve(".github"));
    upstream = Git.init().setDirectory(upstreamDir.toFile()).setInitialBranch("main").call();
    Files.writeString(upstreamDir.resolve("services/checkout/catalog-info.yaml"), CATALOG.formatted("team-a"));
    Files.writeString(upstreamDir.resolve(".github/CODEOWNERS"), "* @acme/platform\n/services/checkout/ @acme/checkout\n");
    Files.writeString(upstreamDir.resolve("README.md"), "# shop\n");
    commit("Initial");
  }

  @AfterEach
  void close() {
    upstream.close();
  }

  void commit(String message) throws Exception {
    upstream.add().addFilepattern(".").call();
    upstream.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Ada", "ada@example.com", T, ZoneOffset.UTC);
    upstream.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
  }

  SourceFiles files(String ref) {
    return new GitSourceFiles(GitRemote.of(upstreamDir.toUri().toString()), temp.resolve("workspace"), ref);
  }

  @Test
  void catalog_and_codeowners_come_from_the_branch_and_a_new_commit_is_seen_on_the_next_read() throws Exception {
    SourceFiles files = files("main");
    BackstageCatalogSource catalog = new BackstageCatalogSource("shop", files, BackstageCatalogSource.CATALOG_INFO_FILES);
    CodeownersSource codeowners = new CodeownersSource("shop-owners", files);
    GraphSnapshot graph = merged(catalog.read(T), codeowners.read(T));
    assertThat(graph.serviceForPath("services/checkout/App.java")).contains(NodeId.service("checkout"));
    assertThat(graph.owners(NodeId.service("checkout"))).extracting(Owner::who).containsExactly(
        NodeId.parse("team:team-a"), NodeId.parse("team:acme/checkout"));
    assertThat(files.origin()).endsWith("@main");

    Files.writeString(upstreamDir.resolve("services/checkout/catalog-info.yaml"), CATALOG.formatted("team-b"));
    commit("Hand checkout to team b");
    GraphSnapshot after = merged(catalog.read(T.plusSeconds(60)), codeowners.read(T.plusSeconds(60)));
    assertThat(after.owners(NodeId.service("checkout"))).extracting(Owner::who).first()
        .isEqualTo(NodeId.parse("team:team-b"));
  }

  @Test
  void an_unknown_ref_or_an_unreachable_remote_makes_the_source_unavailable() {
    BackstageCatalogSource unknownRef = new BackstageCatalogSource("shop", files("no-such-branch"),
        BackstageCatalogSource.CATALOG_INFO_FILES);
    assertThatThrownBy(() -> unknownRef.read(T)).isInstanceOf(GraphSource.Unavailable.class)
        .hasMessageContaining("ref 'no-such-branch' is not in");
    BackstageCatalogSource gone = new BackstageCatalogSource("shop",
        new GitSourceFiles(GitRemote.of(temp.resolve("acme/gone").toUri().toString()), temp.resolve("ws2"), "main"),
        BackstageCatalogSource.CATALOG_INFO_FILES);
    assertThatThrownBy(() -> gone.read(T)).isInstanceOf(GraphSource.Unavailable.class)
        .hasMessageContaining("cannot read catalog files from");
  }

  static GraphSnapshot merged(GraphContribution... contributions) {
    List<dev.vigil.core.graph.Node> nodes = new ArrayList<>();
    List<dev.vigil.core.graph.Edge> edges = new ArrayList<>();
    List<dev.vigil.core.graph.OwnershipRule> rules = new ArrayList<>();
    for (GraphContribution c : contributions) {
      nodes.addAll(c.nodes());
      edges.addAll(c.edges());
      rules.addAll(c.ownership());
    }
    return GraphSnapshot.of(T, NoisePolicy.DEFAULT, nodes, edges, List.of(), List.of(), rules, List.of());
  }
}
