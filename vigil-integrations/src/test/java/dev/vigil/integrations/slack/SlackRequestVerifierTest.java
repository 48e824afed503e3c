package dev.vigil.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.security.Secret;
import dev.vigil.integrations.slack.SlackRequestVerifier.Check;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackRequestVerifierTest {
  // The worked example of Slack's "Verifying requests from Slack" page.
  private static final Secret SECRET = new Secret("8f742231b10e8888abcd99yyyzzz85a5");
  private static final String TIMESTAMP = "1531420618";
  private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
      + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
      + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
      + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
      .getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  private static final Instant THEN = Instant.ofEpochSecond(1531420618L);

  @Test
  void slacks_documented_example_is_valid_at_its_time() {
    assertThat(SlackRequestVerifier.sign(TIMESTAMP, BODY, SECRET)).isEqualTo(SIGNATURE);
    assertThat(SlackRequestVerifier.check(TIMESTAMP, SIGNATURE, BODY, SECRET, THEN.plusSeconds(299))).isEqualTo(Check.VALID);
    assertThat(SlackRequestVerifier.check(TIMESTAMP, SIGNATURE, BODY, SECRET, THEN.minusSeconds(300))).isEqualTo(Check.VALID);
  }

  @Test
  void a_request_older_or_newer_than_five_minutes_is_a_replay_even_when_signed_correctly() {
    assertThat(SlackRequestVerifier.check(TIMESTAMP, SIGNATURE, BODY, SECRET, THEN.plusSeconds(301))).isEqualTo(Check.REPLAYED);
    assertThat(SlackRequestVerifier.check(TIMESTAMP, SIGNATURE, BODY, SECRET, THEN.minusSeconds(301))).isEqualTo(Check.REPLAYED);
  }

  @Test
  void another_body_timestamp_or_secret_is_wrong_and_absent_headers_are_missing() {
    byte[] other = "token=changed".getBytes(StandardCharsets.UTF_8);
    assertThat(SlackRequestVerifier.check(TIMESTAMP, SIGNATURE, other, SECRET, THEN)).isEqualTo(Check.WRONG);
    assertThat(SlackRequestVerifier.check("1531420619", SIGNATURE, BODY, SECRET, THEN)).isEqualTo(Check.WRONG);
    assertThat(SlackRequestVerifier.check(TIMESTAMP, SIGNATURE, BODY, new Secret("other"), THEN)).isEqualTo(Check.WRONG);
    assertThat(SlackRequestVerifier.check(TIMESTAMP, "v0=zz", BODY, SECRET, THEN)).isEqualTo(Check.WRONG);
    assertThat(SlackRequestVerifier.check(null, SIGNATURE, BODY, SECRET, THEN)).isEqualTo(Check.MISSING);
    assertThat(SlackRequestVerifier.check(TIMESTAMP, null, BODY, SECRET, THEN)).isEqualTo(Check.MISSING);
    assertThat(SlackRequestVerifier.check("yesterday", SIGNATURE, BODY, SECRET, THEN)).isEqualTo(Check.MISSING);
    assertThat(SlackRequestVerifier.check(TIMESTAMP, SIGNATURE.replace("v0=", "v1="), BODY, SECRET, THEN))
        .isEqualTo(Check.MISSING);
  }
}
