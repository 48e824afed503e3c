package dev.vigil.analysis.logs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A variable-masking rule: every match of {@code pattern} in a log line is replaced by {@code <*>} before the
 * line is mined. Masking what is certainly a variable (addresses, ids, numbers) keeps it out of the tree,
 * where it would otherwise split one event into many templates.
 *
 * @param name short name shown in settings and state fingerprints, e.g. {@code ipv4}
 * @param pattern the regular expression to mask
 */
public record MaskRule(String name, Pattern pattern) {
  public MaskRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    if (name.isBlank() || name.contains(" ")) {
      throw new IllegalArgumentException("mask name must be a non-blank word, got '" + name + "'");
    }
  }

  /** A rule from a regular expression. */
  public static MaskRule of(String name, String regex) {
    return new MaskRule(name, Pattern.compile(regex));
  }
}
