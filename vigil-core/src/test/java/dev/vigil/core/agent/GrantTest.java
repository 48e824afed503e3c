package dev.vigil.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrantTest {

  @ParameterizedTest
  @ValueSource(strings = {"chat:post", "metrics:read", "k8s:rollout-restart", "deploy-2:read"})
  void permission_of_the_form_area_verb_is_accepted(String permission) {
    assertThat(new Grant("slack-main", permission, null).permission()).isEqualTo(permission);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chat", "Chat:Post", "chat:post:all", "chat:", ":post", "chat post", "chat:*", "chat.post"})
  void other_permissions_are_rejected_with_an_example(String permission) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Grant("slack-main", permission, null))
        .withMessage("grant.permission '" + permission + "' must look like area:verb, e.g. chat:post");
  }

  @Test
  void integration_and_permission_are_required() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Grant(" ", "chat:post", null))
        .withMessage("grant.integration must not be empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Grant("slack-main", null, null))
        .withMessage("grant.permission must not be empty");
  }

  @Test
  void grant_without_scope_allows_any_target_on_its_integration() {
    Grant grant = new Grant("slack-main", "chat:post", null);
    assertThat(grant.scope()).isEmpty();
    assertThat(grant.allows("slack-main", "chat:post", "#payments")).isTrue();
    assertThat(grant.allows("slack-main", "chat:post", "#anything")).isTrue();
    assertThat(grant.allows("slack-main", "chat:post", null)).isTrue();
  }

  @Test
  void grant_with_scope_allows_only_the_listed_targets() {
    Grant grant = new Grant("slack-main", "chat:post", List.of("#payments-deploys", "#payments"));
    assertThat(grant.allows("slack-main", "chat:post", "#payments-deploys")).isTrue();
    assertThat(grant.allows("slack-main", "chat:post", "#payments")).isTrue();
    assertThat(grant.allows("slack-main", "chat:post", "#general")).isFalse();
    assertThat(grant.allows("slack-main", "chat:post", "#PAYMENTS")).isFalse();
  }

  @Test
  void grant_allows_nothing_on_another_integration_or_permission() {
    Grant grant = new Grant("slack-main", "chat:post", null);
    assertThat(grant.allows("slack-other", "chat:post", "#payments")).isFalse();
    assertThat(grant.allows("slack-main", "chat:read", "#payments")).isFalse();
  }

  @Test
  void scope_is_copied() {
    List<String> scope = new ArrayList<>(List.of("#payments"));
    Grant grant = new Grant("slack-main", "chat:post", scope);
    scope.add("#general");
    assertThat(grant.allows("slack-main", "chat:post", "#general")).isFalse();
  }

  @Test
  void scoped_grant_denies_a_check_without_a_target() {
    Grant grant = new Grant("slack-main", "chat:post", List.of("#payments"));
    assertThat(grant.allows("slack-main", "chat:post", null)).isFalse();
  }
}
