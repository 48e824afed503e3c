package dev.vigil.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentIdTest {
  private static final String SIXTY_THREE = "a".repeat(63);

  @ParameterizedTest
  @ValueSource(strings = {"a", "7", "payments-deploy-watch", "db2", "a-b-c", "a--b", "0-day"})
  void lowercase_letters_digits_and_inner_dashes_are_accepted(String name) {
    assertThat(new AgentId(name)).hasToString(name);
  }

  @Test
  void sixty_three_characters_are_accepted_and_sixty_four_are_not() {
    assertThat(new AgentId(SIXTY_THREE).value()).hasSize(63);
    assertThatIllegalArgumentException().isThrownBy(() -> new AgentId(SIXTY_THREE + "a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Payments", "-payments", "payments-", "pay_ments", "pay.ments", "pay ments", "zürich", " payments"})
  void other_names_are_rejected_saying_what_a_name_may_contain(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AgentId(name))
        .withMessage(
            "agent name '" + name + "' is not valid: use 1-63 lowercase letters, digits and dashes,"
                + " starting and ending with a letter or digit");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void empty_name_is_rejected(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AgentId(name))
        .withMessage("agent name must not be empty");
  }

  @Test
  void ids_with_the_same_name_are_equal() {
    assertThat(new AgentId("payments")).isEqualTo(new AgentId("payments"));
  }
}
