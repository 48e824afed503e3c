package dev.vigil.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.graph.ContextGraph.Owner;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.graph.OwnershipRule;
import dev.vigil.core.graph.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OwnershipIndexTest {
  static final Provenance P = Provenance.declared("co", Instant.parse("2026-11-20T10:00:00Z"), "CODEOWNERS");
  static final String[] PATTERNS = {"*", "*.md", "/docs/", "docs", "/services/a/", "/services/a/b/", "/services/a",
      "services/b/", "/services/**/gen/", "Makefile", "/services/c/*.go", "/lib/?.txt", "/services/", "b/"};
  static final String[] PATHS = {"README.md", "docs/x.md", "web/docs/y.txt", "services/a/main.go",
      "services/a/b/c.go", "services/a/b/gen/x.go", "services/b/x", "services/c/m.go", "services/c/d/m.go",
      "lib/a.txt", "lib/ab.txt", "Makefile", "tools/Makefile", "services", "services/a", "x/b/y"};

  /** The definition: the last rule in file order whose pattern matches. */
  static List<NodeId> naive(List<OwnershipRule> rules, String path) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      if (PathPattern.compile(rules.get(i).pattern()).matches(path)) {
        return rules.get(i).owners();
      }
    }
    return List.of();
  }

  @Test
  void the_index_answers_as_trying_every_line_from_the_last_one_would() {
    Random random = new Random(5);
    for (int round = 0; round < 300; round++) {
      List<OwnershipRule> rules = new ArrayList<>();
      int count = 1 + random.nextInt(12);
      for (int i = 0; i < count; i++) {
        rules.add(new OwnershipRule(PATTERNS[random.nextInt(PATTERNS.length)],
            List.of(NodeId.of(NodeKind.PERSON, "owner" + i)), i + 1, P));
      }
      OwnershipIndex index = OwnershipIndex.of(rules);
      for (String path : PATHS) {
        assertThat(index.owners(path).stream().map(Owner::who).toList())
            .as("rules %s, path %s", rules.stream().map(OwnershipRule::pattern).toList(), path)
            .isEqualTo(naive(rules, path));
      }
    }
  }
}
