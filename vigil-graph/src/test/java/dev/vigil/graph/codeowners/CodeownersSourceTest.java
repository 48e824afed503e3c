package dev.vigil.graph.codeowners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.graph.ContextGraph.Owner;
import dev.vigil.core.graph.GraphContribution;
import dev.vigil.core.graph.GraphSource;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.SourceFiles;
import dev.vigil.graph.FolderFiles;
import dev.vigil.graph.GraphSnapshot;
import dev.vigil.graph.NoisePolicy;
import dev.vigil.graph.testing.BenchData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeownersSourceTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  static GraphSnapshot graphOf(GraphContribution c) {
    return GraphSnapshot.of(T, NoisePolicy.DEFAULT, c.nodes(), c.edges(), List.of(), List.of(), c.ownership(), c.problems());
  }

  static List<NodeId> owners(GraphSnapshot graph, String path) {
    return graph.ownersOfPath(path).stream().map(Owner::who).toList();
  }

  static NodeId team(String name) {
    return NodeId.of(NodeKind.TEAM, name);
  }

  @Test
  void argo_cds_codeowners_gives_each_path_the_owners_of_its_last_matching_line() throws Exception {
    GraphContribution c = new CodeownersSource("argo", new FolderFiles(BenchData.payloads("codeowners/argo-cd"))).read(T);
    assertThat(c.problems()).isEmpty();
    GraphSnapshot graph = graphOf(c);
    assertThat(owners(graph, "controller/sync.go")).containsExactly(team("argoproj/argocd-approvers"));
    assertThat(owners(graph, "docs/index.md"))
        .containsExactly(team("argoproj/argocd-approvers"), team("argoproj/argocd-approvers-docs"));
    assertThat(owners(graph, "ui/src/app.tsx"))
        .containsExactly(team("argoproj/argocd-approvers"), team("argoproj/argocd-approvers-ui"));
    // /hack/ gives the CI team, but a later line takes /hack/gen-docs/ back to the approvers alone.
    assertThat(owners(graph, "hack/build.sh"))
        .containsExactly(team("argoproj/argocd-approvers"), team("argoproj/argocd-approvers-ci"));
    assertThat(owners(graph, "hack/gen-docs/main.go")).containsExactly(team("argoproj/argocd-approvers"));
    assertThat(owners(graph, "build/Dockerfile.dev"))
        .containsExactly(team("argoproj/argocd-approvers"), team("argoproj/argocd-approvers-ci"));
    assertThat(graph.ownersOfPath("docs/index.md").get(1).provenance().detail()).isEqualTo("CODEOWNERS:5");
    assertThat(c.nodes()).extracting(n -> n.id().kind()).containsOnly(NodeKind.TEAM);
  }

  @Test
  void the_file_under_dot_github_is_found_in_every_real_repository() throws Exception {
    for (String repo : List.of("botbuilder-js", "bolt-python", "temporal-sdk-java")) {
      GraphContribution c = new CodeownersSource(repo, new FolderFiles(BenchData.payloads("codeowners/" + repo))).read(T);
      assertThat(c.ownership()).as(repo).isNotEmpty();
      assertThat(c.ownership()).allSatisfy(r -> assertThat(r.provenance().detail()).startsWith(".github/CODEOWNERS:"));
      assertThat(graphOf(c).ownersOfPath("some/file.txt")).as(repo).isNotEmpty();
    }
    GraphContribution bot = new CodeownersSource("b", new FolderFiles(BenchData.payloads("codeowners/botbuilder-js"))).read(T);
    assertThat(owners(graphOf(bot), "README.md")).contains(team("microsoft/botframework-sdk"));
  }

  @Test
  void unreadable_lines_are_reported_with_their_line_and_the_rest_is_kept(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("CODEOWNERS"), """
        # comment
        *            @acme/all
        !vendor/     @acme/vendor
        /api/        not-an-owner
        [Backend]
        /web/ @alice  dev@example.com # inline comment
        /web/gen/
        """);
    GraphContribution c = new CodeownersSource("co", new FolderFiles(dir)).read(T);
    assertThat(c.problems()).extracting(p -> p.location()).containsExactly("CODEOWNERS:3", "CODEOWNERS:4", "CODEOWNERS:5");
    assertThat(c.problems().get(1).message()).contains("owner 'not-an-owner'");
    GraphSnapshot graph = graphOf(c);
    assertThat(owners(graph, "web/index.html"))
        .containsExactly(NodeId.of(NodeKind.PERSON, "alice"), NodeId.of(NodeKind.PERSON, "dev@example.com"));
    assertThat(owners(graph, "web/gen/x.js")).isEmpty();
    assertThat(owners(graph, "api/x.go")).containsExactly(team("acme/all"));
  }

  @Test
  void a_folder_without_codeowners_is_a_problem_and_a_missing_folder_makes_the_source_unavailable(@TempDir Path dir) throws Exception {
    GraphContribution c = new CodeownersSource("co", new FolderFiles(dir)).read(T);
    assertThat(c.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("no CODEOWNERS file"));
    SourceFiles missing = new FolderFiles(dir.resolve("gone"));
    assertThatThrownBy(() -> new CodeownersSource("co", missing).read(T))
        .isInstanceOf(GraphSource.Unavailable.class).hasMessageContaining("does not exist");
  }
}
