package dev.vigil.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.task.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paths, templates and hook rules on bodies parsed into maps and lists, as the edge hands them over. */
class HookRulesTest {
  // The shape Argo CD's notification templates read ({{.app.metadata.name}}, {{.app.status...}}).
  private static final Map<String, Object> ARGOCD = Map.of("app", Map.of(
      "metadata", Map.of("name", "checkout", "uid", "7f0c-11"),
      "status", Map.of("operationState", Map.of("phase", "Succeeded", "finishedAt", "2026-11-25T20:00:00Z"),
          "sync", Map.of("status", "Synced", "revision", "a1b2c3")),
      "spec", Map.of("source", Map.of("repoURL", "https://git.example.com/acme/checkout.git")),
      "conditions", List.of(Map.of("type", "SyncError"), Map.of("type", "Warning")),
      "annotations", Map.of("notified.argocd.io/on-deployed", "yes", "weight", 2, "ready", true)));

  @Test
  void a_path_reads_names_quoted_names_and_indexes_from_either_end() {
    assertThat(JsonPath.parse("$.app.metadata.name").findText(ARGOCD)).contains("checkout");
    assertThat(JsonPath.parse("$.app.annotations['notified.argocd.io/on-deployed']").findText(ARGOCD)).contains("yes");
    assertThat(JsonPath.parse("$[\"app\"].conditions[0].type").findText(ARGOCD)).contains("SyncError");
    assertThat(JsonPath.parse("$.app.conditions[-1].type").findText(ARGOCD)).contains("Warning");
    assertThat(JsonPath.parse("$.app.annotations.weight").findText(ARGOCD)).contains("2");
    assertThat(JsonPath.parse("$.app.annotations.ready").findText(ARGOCD)).contains("true");
    assertThat(JsonPath.parse("$").find(ARGOCD)).contains(ARGOCD);
  }

  @Test
  void a_path_that_finds_nothing_or_a_structure_has_no_text() {
    assertThat(JsonPath.parse("$.app.metadata.missing").findText(ARGOCD)).isEmpty();
    assertThat(JsonPath.parse("$.app.conditions[2].type").findText(ARGOCD)).isEmpty();
    assertThat(JsonPath.parse("$.app.conditions.type").findText(ARGOCD)).as("a name on a list").isEmpty();
    assertThat(JsonPath.parse("$.app[0]").findText(ARGOCD)).as("an index on an object").isEmpty();
    assertThat(JsonPath.parse("$.app.metadata").findText(ARGOCD)).as("an object").isEmpty();
    assertThat(JsonPath.parse("$.app.metadata.name").findText(List.of(1, 2))).isEmpty();
  }

  @Test
  void a_malformed_path_is_refused_naming_the_character_and_what_was_expected() {
    assertThatThrownBy(() -> JsonPath.parse("app.name")).hasMessageContaining("must start with $");
    assertThatThrownBy(() -> JsonPath.parse("$.app..name")).hasMessageContaining("character 7").hasMessageContaining("a name");
    assertThatThrownBy(() -> JsonPath.parse("$.items[*]")).hasMessageContaining("character 9").hasMessageContaining("index");
    assertThatThrownBy(() -> JsonPath.parse("$.items[0")).hasMessageContaining("']'");
    assertThatThrownBy(() -> JsonPath.parse("$['a")).hasMessageContaining("closing '");
    assertThatThrownBy(() -> JsonPath.parse("$.a?(@.b)")).hasMessageContaining("not supported");
  }

  @Test
  void a_template_fills_its_paths_and_is_absent_when_one_finds_nothing() {
    assertThat(TextTemplate.parse("argocd.sync.{$.app.status.operationState.phase}").render(ARGOCD))
        .contains("argocd.sync.Succeeded");
    assertThat(TextTemplate.parse("Argo CD {$.app.metadata.name} {$.app.status.operationState.phase} {ok}")
        .render(ARGOCD)).contains("Argo CD checkout Succeeded {ok}");
    assertThat(TextTemplate.parse("{$.app.annotations['a}b']}").render(Map.of("app", Map.of("annotations",
        Map.of("a}b", "braced"))))).contains("braced");
    assertThat(TextTemplate.parse("argocd.sync.{$.app.phase}").render(ARGOCD)).isEmpty();
    assertThatThrownBy(() -> TextTemplate.parse("sync {$.app.phase")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> TextTemplate.parse("sync {$.app phase}")).hasMessageContaining("character");
  }

  @Test
  void rules_extract_each_field_and_name_those_that_found_nothing() {
    HookRules rules = read(Map.of("source", "argocd", "type", "argocd.sync.{$.app.status.operationState.phase}",
        "id", "$.app.metadata.uid", "subject", "$.app.metadata.name",
        "text", "Argo CD {$.app.metadata.name} {$.app.status.operationState.phase}",
        "labels", Map.of("app", "$.app.metadata.name", "revision", "$.app.status.sync.revision", "env", "$.app.env")));

    HookRules.Extracted found = rules.extract(ARGOCD);

    assertThat(found.type()).contains("argocd.sync.Succeeded");
    assertThat(found.id()).contains("7f0c-11");
    assertThat(found.subject()).contains("checkout");
    assertThat(found.text()).contains("Argo CD checkout Succeeded");
    assertThat(found.labels()).isEqualTo(Map.of("app", "checkout", "revision", "a1b2c3"));
    assertThat(found.unresolved()).containsExactly("labels.env");
    assertThat(rules.extract(Map.of("other", 1)).unresolved())
        .containsExactlyInAnyOrder("type", "id", "subject", "text", "labels.app", "labels.revision", "labels.env");
  }

  @Test
  void when_keeps_bodies_where_the_path_is_present_or_equals_one_of_the_values() {
    String phase = "$.app.status.operationState.phase";
    HookRules present = read(Map.of("source", "argocd", "when", phase));
    HookRules equals = read(Map.of("source", "argocd", "when", Map.of("path", phase, "equals", List.of("Failed", "Error"))));
    HookRules one = read(Map.of("source", "argocd", "when", Map.of("path", phase, "equals", "Succeeded")));

    assertThat(present.when().orElseThrow().holds(ARGOCD)).isTrue();
    assertThat(present.when().orElseThrow().holds(Map.of("app", Map.of()))).isFalse();
    assertThat(present.when().orElseThrow().holds(Map.of("app", Map.of("status", Map.of("operationState",
        Map.of("phase", "")))))).isFalse();
    assertThat(equals.when().orElseThrow().holds(ARGOCD)).isFalse();
    assertThat(equals.when().orElseThrow().unmetReason(ARGOCD)).contains("'Succeeded'", "[Failed, Error]");
    assertThat(one.when().orElseThrow().holds(ARGOCD)).isTrue();
  }

  @Test
  void bad_hook_rules_are_reported_with_the_path_of_each_bad_field() {
    assertThatThrownBy(() -> AgentDocument.read(Map.of("hooks", List.of(
        Map.of("source", "argocd", "type", "$.app..phase", "labels", Map.of("app", 3), "colour", "red",
            "when", Map.of("path", "app.phase"), "secret", "plain-text-secret"),
        Map.of("source", "github"),
        Map.of("source", "Bad Name"),
        Map.of("source", "argocd")))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).anySatisfy(
            p -> assertThat(p).startsWith("hooks[0].type: path '$.app..phase' at character 7"))
            .anySatisfy(p -> assertThat(p).startsWith("hooks[0].labels.app: expected a string"))
            .anySatisfy(p -> assertThat(p).startsWith("hooks[0]: unknown field 'colour'"))
            .anySatisfy(p -> assertThat(p).startsWith("hooks[0].when.path: path 'app.phase' must start with $"))
            .anySatisfy(p -> assertThat(p).startsWith("hooks[0].secret:").doesNotContain("plain-text-secret"))
            .anySatisfy(p -> assertThat(p).startsWith("hooks[1]: source 'github' has a receiver of its own"))
            .anySatisfy(p -> assertThat(p).startsWith("hooks[2]: source 'Bad Name' must be lower-case")));
  }

  @Test
  void hooks_are_written_back_to_an_equal_document() {
    Map<String, Object> doc = Map.of("apiVersion", "vigil.dev/v1", "hooks", List.of(
        Map.of("source", "argocd", "secret", "${env:ARGOCD_HOOK_SECRET}", "type", "argocd.{$.phase}",
            "id", "$.uid", "subject", "$.name", "labels", Map.of("app", "$.name"), "text", "{$.name} synced",
            "when", Map.of("path", "$.phase", "equals", List.of("Succeeded"))),
        Map.of("source", "jenkins", "when", "$.build")));

    AgentDocument.Contents read = AgentDocument.read(doc);
    AgentDocument.Contents again = AgentDocument.read(AgentDocument.writeDocument(read.integrations(), read.hooks(),
        read.agents()));

    assertThat(read.hooks()).hasSize(2);
    assertThat(again).isEqualTo(read);
    assertThat(AgentDocument.writeHook(read.hooks().get(0))).containsEntry("secret", "${env:ARGOCD_HOOK_SECRET}");
  }

  private static HookRules read(Map<String, Object> object) {
    return AgentDocument.readHook(object, "hook");
  }
}
