package dev.vigil.core.change;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A commit id: 7 to 64 hexadecimal digits (abbreviated, SHA-1 or SHA-256), kept in lowercase so
 * that two spellings of one commit compare equal.
 */
public record CommitSha(String value) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,64}");

  public CommitSha {
    if (value == null) {
      throw new IllegalArgumentException("commit sha is required");
    }
    value = value.strip().toLowerCase(Locale.ROOT);
    if (!HEX.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "commit sha '" + value + "' is not valid: use 7 to 64 hexadecimal digits");
    }
  }

  public static CommitSha of(String value) {
    return new CommitSha(value);
  }

  /** Whether this is a full id rather than an abbreviation. */
  public boolean full() {
    return value.length() == 40 || value.length() == 64;
  }

  @Override
  public String toString() {
    return value;
  }
}
