package dev.vigil.core.event;

import dev.vigil.core.integration.SecretRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code POST /hooks/{source}} turns any JSON body of one source into an event: which texts of
 * the body become the event's type, delivery id, subject, labels and text, and which bodies are
 * kept at all. Configured in the {@code hooks:} section of {@code agents.yaml}. Every field is
 * optional; a field whose template finds nothing in a body falls back to what the receiver does
 * without rules (see {@code docs/agents-yaml.md}), so a body of an unexpected shape is still
 * stored, never refused.
 *
 * @param source the {@code {source}} of the hook's path, lower-case letters, digits and dashes
 * @param secret the HMAC key of {@code X-Vigil-Signature-256} for this source, as a reference
 * @param labels label name to template; a label whose template finds nothing is left out
 * @param when bodies to keep; the others are answered and not stored
 */
public record HookRules(
    String source,
    Optional<SecretRef> secret,
    Optional<TextTemplate> type,
    Optional<TextTemplate> id,
    Optional<TextTemplate> subject,
    Map<String, TextTemplate> labels,
    Optional<TextTemplate> text,
    Optional<Condition> when) {
  /** Sources with a receiver of their own, whose paths take precedence over the generic one. */
  public static final Set<String> OWN_RECEIVERS = Set.of("github", "alertmanager", "slack", "pagerduty");

  public HookRules {
    if (source == null || !source.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("source '" + source + "' must be lower-case letters, digits and dashes"
          + " (at most 63), as in /hooks/argocd");
    }
    if (OWN_RECEIVERS.contains(source)) {
      throw new IllegalArgumentException("source '" + source + "' has a receiver of its own (/hooks/" + source
          + "); rules apply to other sources");
    }
    secret = secret == null ? Optional.empty() : secret;
    type = type == null ? Optional.empty() : type;
    id = id == null ? Optional.empty() : id;
    subject = subject == null ? Optional.empty() : subject;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    for (String name : labels.keySet()) {
      if (!name.matches("[A-Za-z0-9_.-]{1,63}")) {
        throw new IllegalArgumentException("label name '" + name + "' must be letters, digits, '_', '.' or '-'"
            + " (at most 63)");
      }
    }
    text = text == null ? Optional.empty() : text;
    when = when == null ? Optional.empty() : when;
  }

  /**
   * Which bodies a hook keeps: those where {@code path} finds a value, and when {@code equals} is
   * not empty, a value whose text is one of them.
   */
  public record Condition(JsonPath path, List<String> equals) {
    public Condition {
      if (path == null) {
        throw new IllegalArgumentException("a condition needs a path");
      }
      equals = equals == null ? List.of() : List.copyOf(equals);
    }

    public boolean holds(Object body) {
      if (equals.isEmpty()) {
        return path.find(body).filter(v -> !Boolean.FALSE.equals(v) && !"".equals(v)).isPresent();
      }
      return path.findText(body).filter(equals::contains).isPresent();
    }

    /** Why a body was not kept, for the answer and the log. */
    public String unmetReason(Object body) {
      Optional<String> found = path.findText(body);
      if (equals.isEmpty()) {
        return "when: " + path + " is absent, null, false or empty";
      }
      return "when: " + path + " is " + found.map(v -> "'" + v + "'").orElse("absent") + ", not one of " + equals;
    }
  }

  /**
   * What the rules found in one body; a field is empty when it has no rule or its template found
   * nothing, and {@code unresolved} names the fields whose templates found nothing.
   */
  public record Extracted(Optional<String> type, Optional<String> id, Optional<String> subject,
      Map<String, String> labels, Optional<String> text, List<String> unresolved) {
    public Extracted {
      labels = Map.copyOf(labels);
      unresolved = List.copyOf(unresolved);
    }
  }

  /** Applies the rules to a parsed body (maps, lists, strings, numbers, booleans). */
  public Extracted extract(Object body) {
    List<String> unresolved = new ArrayList<>();
    Map<String, String> found = new LinkedHashMap<>();
    labels.forEach((name, template) -> {
      Optional<String> value = template.render(body);
      if (value.isPresent()) {
        found.put(name, value.get());
      } else {
        unresolved.add("labels." + name);
      }
    });
    return new Extracted(render(type, "type", body, unresolved), render(id, "id", body, unresolved),
        render(subject, "subject", body, unresolved), found, render(text, "text", body, unresolved), unresolved);
  }

  private static Optional<String> render(Optional<TextTemplate> template, String field, Object body,
      List<String> unresolved) {
    if (template.isEmpty()) return Optional.empty();
    Optional<String> value = template.get().render(body).filter(v -> !v.isBlank());
    if (value.isEmpty()) unresolved.add(field);
    return value;
  }
}
