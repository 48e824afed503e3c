package dev.vigil.integrations.slack;

import dev.vigil.core.security.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing, version v0: {@code X-Slack-Signature} is {@code v0=} and the hex
 * HMAC-SHA256, keyed with the app's signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<body>}.
 * A request whose timestamp is more than five minutes from now is refused whatever its signature,
 * so a captured request cannot be replayed later.
 */
public final class SlackRequestVerifier {
  /** How far a request's timestamp may be from the receiver's clock. */
  public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
  private static final String VERSION = "v0";

  private SlackRequestVerifier() {}

  /** The outcome of checking one request. */
  public enum Check {
    VALID,
    /** A header is absent or malformed. */
    MISSING,
    /** The timestamp is outside the replay window. */
    REPLAYED,
    /** The signature was not made with this secret over this body and timestamp. */
    WRONG
  }

  public static Check check(String timestampHeader, String signatureHeader, byte[] body, Secret signingSecret,
      Instant now) {
    if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(VERSION + "=")) {
      return Check.MISSING;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      return Check.MISSING;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > REPLAY_WINDOW.toSeconds()) {
      return Check.REPLAYED;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signatureHeader.substring(VERSION.length() + 1));
    } catch (IllegalArgumentException e) {
      return Check.WRONG;
    }
    return MessageDigest.isEqual(mac(timestampHeader.trim(), body, signingSecret), given) ? Check.VALID : Check.WRONG;
  }

  /** The {@code X-Slack-Signature} Slack would send for {@code body} at {@code timestamp} (epoch seconds). */
  public static String sign(String timestamp, byte[] body, Secret signingSecret) {
    return VERSION + "=" + HexFormat.of().formatHex(mac(timestamp, body, signingSecret));
  }

  private static byte[] mac(String timestamp, byte[] body, Secret secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
