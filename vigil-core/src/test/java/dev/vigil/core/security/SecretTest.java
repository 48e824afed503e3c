package dev.vigil.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void secret_prints_as_three_stars_wherever_it_is_formatted() {
    Secret token = new Secret("xoxb-123-456");
    assertThat(token).hasToString("***");
    assertThat("token=" + token).isEqualTo("token=***");
    assertThat(String.format("Authorization: Bearer %s", token)).isEqualTo("Authorization: Bearer ***");
  }

  @Test
  void reveal_returns_the_value() {
    assertThat(new Secret("xoxb-123-456").reveal()).isEqualTo("xoxb-123-456");
  }

  @Test
  void empty_secret_is_rejected_without_echoing_it() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Secret(""))
        .withMessage("secret must not be empty");
    assertThatIllegalArgumentException().isThrownBy(() -> new Secret(null));
  }
}
