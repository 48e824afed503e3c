package dev.vigil.core.outbox;

import dev.vigil.core.Validation;
import java.util.Arrays;

/**
 * A file posted with a message, today a PNG chart. The bytes are stored with the step's
 * checkpoint, so a chart drawn once is delivered even if the step never runs again.
 *
 * @param name the file name shown, e.g. {@code checkout-p99.png}
 * @param altText what the chart shows, for screen readers and chats that cannot show files
 * @param content the PNG bytes; copied, never shared
 */
public record ChatAttachment(String name, String altText, byte[] content) {
  /** Slack accepts far larger files; a chart above this size is a defect in whatever drew it. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;
  /** Every PNG file starts with these eight bytes. */
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  public ChatAttachment {
    Validation.requireText(name, "attachment name");
    if (name.length() > 200 || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("attachment name '" + name + "' must be a plain file name of at most 200 characters");
    }
    altText = Validation.orEmpty(altText);
    Validation.requireNonNull(content, "attachment content");
    if (content.length > MAX_BYTES) {
      throw new IllegalArgumentException("attachment '" + name + "' has " + content.length + " bytes (at most " + MAX_BYTES + ")");
    }
    if (content.length < PNG_SIGNATURE.length
        || !Arrays.equals(content, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
      throw new IllegalArgumentException("attachment '" + name + "' is not a PNG image (only PNG charts can be posted)");
    }
    content = content.clone();
  }

  /** The media type chats are told. */
  public String mediaType() {
    return "image/png";
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChatAttachment other && name.equals(other.name) && altText.equals(other.altText)
        && Arrays.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + altText.hashCode()) + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "ChatAttachment[name=" + name + ", bytes=" + content.length + "]";
  }
}
