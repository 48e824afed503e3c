package dev.vigil.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {
  @Test
  void an_unanchored_name_matches_at_any_depth_and_everything_under_it() {
    PathPattern docs = PathPattern.compile("docs");
    assertThat(docs.matches("docs")).isTrue();
    assertThat(docs.matches("docs/a.md")).isTrue();
    assertThat(docs.matches("web/docs/a.md")).isTrue();
    assertThat(docs.matches("documents/a.md")).isFalse();
  }

  @Test
  void a_leading_or_inner_slash_anchors_at_the_root() {
    assertThat(PathPattern.compile("/docs").matches("web/docs/a.md")).isFalse();
    assertThat(PathPattern.compile("/docs").matches("docs/a.md")).isTrue();
    assertThat(PathPattern.compile("apps/web").matches("apps/web/x.ts")).isTrue();
    assertThat(PathPattern.compile("apps/web").matches("lib/apps/web/x.ts")).isFalse();
  }

  @Test
  void a_trailing_slash_matches_only_what_is_inside_a_directory() {
    PathPattern hack = PathPattern.compile("/hack/");
    assertThat(hack.matches("hack/gen.sh")).isTrue();
    assertThat(hack.matches("hack")).isFalse();
  }

  @Test
  void stars_stay_within_a_segment_and_double_stars_cross_them() {
    assertThat(PathPattern.compile("*.js").matches("src/deep/a.js")).isTrue();
    assertThat(PathPattern.compile("/src/*.js").matches("src/deep/a.js")).isFalse();
    assertThat(PathPattern.compile("/src/**/a.js").matches("src/deep/er/a.js")).isTrue();
    assertThat(PathPattern.compile("/src/**/a.js").matches("src/a.js")).isTrue();
    assertThat(PathPattern.compile("/docs/**").matches("docs/x/y.md")).isTrue();
    assertThat(PathPattern.compile("Dockerfile.*").matches("build/Dockerfile.ci")).isTrue();
    assertThat(PathPattern.compile("a?c").matches("abc")).isTrue();
    assertThat(PathPattern.compile("a?c").matches("a/c")).isFalse();
    assertThat(PathPattern.compile("*").matches("any/path/at/all")).isTrue();
  }

  @Test
  void negation_and_ranges_are_refused_as_github_does() {
    assertThatThrownBy(() -> PathPattern.compile("!docs")).hasMessageContaining("negation");
    assertThatThrownBy(() -> PathPattern.compile("[abc].md")).hasMessageContaining("character ranges");
  }
}
