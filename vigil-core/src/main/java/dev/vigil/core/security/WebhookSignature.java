package dev.vigil.core.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a webhook body with a shared secret, the signature scheme GitHub, PagerDuty and
 * others use, each with its own header format around the hex digest.
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  /** The HMAC-SHA256 of {@code body} keyed with {@code secret}, as lower-case hex. */
  public static String hex(byte[] body, Secret secret) {
    return HexFormat.of().formatHex(hmac(body, secret));
  }

  /**
   * Whether {@code hex} is the HMAC-SHA256 of {@code body} with {@code secret}. The comparison takes
   * the same time wherever the first difference is, so timing tells an attacker nothing about how
   * much of a forged signature was right; text that is not hex never matches.
   */
  public static boolean matches(byte[] body, String hex, Secret secret) {
    if (hex == null || secret == null) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(body, secret), given);
  }

  private static byte[] hmac(byte[] body, Secret secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
