package dev.vigil.analysis.logs;

import java.util.Objects;

/**
 * What the miner made of one line.
 *
 * @param templateId id of the template the line joined or created
 * @param template the template after this line (it may have become more general)
 * @param isNew true when the line created a template never seen before: a candidate "new error pattern"
 * @param generalised true when an existing template gained a wildcard because of this line
 */
public record TemplateMatch(int templateId, String template, boolean isNew, boolean generalised) {
  public TemplateMatch {
    Objects.requireNonNull(template, "template");
  }
}
