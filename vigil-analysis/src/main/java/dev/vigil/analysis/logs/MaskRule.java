package dev.vigil.analysis.logs;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A variable-masking rule: every match of {@code pattern} in a log line is replaced by {@code replacement}
 * (by default one {@code <*>}) before the line is mined. Masking what is certainly a variable (addresses, ids,
 * names) keeps it out of the tree, where it would otherwise split one event into many templates.
 *
 * <p>The replacement is literal text in which {@code <*>} marks each variable. It lets a rule say that a match
 * holds several variables with fixed text between them ({@code host:port} is {@code <*>:<*>}): the miner groups
 * by the line's shape, where variables glued by punctuation count as one, so the replacement changes only the
 * template a person reads, not how lines are grouped.
 *
 * @param name short name shown in settings and state fingerprints, e.g. {@code ipv4}
 * @param pattern the regular expression to mask
 * @param replacement literal text put in place of each match, {@code <*>} marking variables
 */
public record MaskRule(String name, Pattern pattern, String replacement) {
  public MaskRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(replacement, "replacement");
    if (name.isBlank() || name.contains(" ")) {
      throw new IllegalArgumentException("mask name must be a non-blank word, got '" + name + "'");
    }
    if (!replacement.contains(LogTemplateMiner.WILDCARD)) {
      throw new IllegalArgumentException("mask '" + name + "': replacement '" + replacement
          + "' holds no " + LogTemplateMiner.WILDCARD + ", so it would hide a variable as fixed text");
    }
  }

  /** A rule replacing each match with one {@code <*>}. */
  public MaskRule(String name, Pattern pattern) {
    this(name, pattern, LogTemplateMiner.WILDCARD);
  }

  /** A rule from a regular expression, replacing each match with one {@code <*>}. */
  public static MaskRule of(String name, String regex) {
    return new MaskRule(name, Pattern.compile(regex));
  }

  /** A rule from a regular expression and the literal text ({@code <*>} marking variables) that replaces a match. */
  public static MaskRule of(String name, String regex, String replacement) {
    return new MaskRule(name, Pattern.compile(regex), replacement);
  }

  /** The replacement quoted for {@link Matcher#replaceAll(String)}. */
  String quotedReplacement() {
    return Matcher.quoteReplacement(replacement);
  }
}
