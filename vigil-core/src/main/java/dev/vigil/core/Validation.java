package dev.vigil.core;

import java.util.regex.Pattern;

/**
 * Input checks shared by the records of the domain. Each check names the argument it rejects so
 * that an error reaching a user says what to fix.
 */
public final class Validation {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Validation() {}

  public static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }

  public static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  /** Names people type and URLs carry: lowercase letters, digits and inner dashes, 1-63 chars. */
  public static String requireSlug(String value, String name) {
    requireText(value, name);
    if (!SLUG.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " '" + value + "' is not valid: use 1-63 lowercase letters, digits and dashes,"
              + " starting and ending with a letter or digit");
    }
    return value;
  }

  public static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
