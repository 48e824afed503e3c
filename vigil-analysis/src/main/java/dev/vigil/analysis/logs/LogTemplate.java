package dev.vigil.analysis.logs;

import java.util.Objects;

/**
 * A mined template.
 *
 * @param id stable id, assigned in order of first appearance from 1 and kept across restarts
 * @param template the template text: tokens separated by single spaces, variables as {@code <*>}
 * @param count lines matched so far, ≥ 1
 */
public record LogTemplate(int id, String template, long count) {
  public LogTemplate {
    if (id < 1) {
      throw new IllegalArgumentException("id must be >= 1, got " + id);
    }
    Objects.requireNonNull(template, "template");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
  }
}
