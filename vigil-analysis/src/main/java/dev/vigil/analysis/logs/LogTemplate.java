package dev.vigil.analysis.logs;

import java.util.Objects;

/**
 * A mined template.
 *
 * @param id stable id, assigned in order of first appearance from 1 and kept across restarts
 * @param template the template as a person reads it: tokens separated by single spaces, the parts that vary as
 *     {@code <*>} ({@code Deleting block blk_<*> file <*>})
 * @param count lines matched so far, ≥ 1
 * @param shape the template as the miner groups lines: every token holding a variable is one {@code <*>}
 *     ({@code Deleting block <*> file <*>}); lines of one event share it
 */
public record LogTemplate(int id, String template, long count, String shape) {
  public LogTemplate {
    if (id < 1) {
      throw new IllegalArgumentException("id must be >= 1, got " + id);
    }
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(shape, "shape");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
  }
}
