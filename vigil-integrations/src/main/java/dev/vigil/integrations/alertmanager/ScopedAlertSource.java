package dev.vigil.integrations.alertmanager;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.port.AlertSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps an agent's alert calls inside its grants before the source underneath (and so Alertmanager)
 * sees them: reads carry the scope's matchers as extra filters and their answers are checked
 * against the scope again; a filter asking for another value of a scoped label, a silence not
 * confined to the scope and any silence write without {@code alerts:silence} fail with {@code
 * DENIED}. Only silences confined to the scope are listed, since the others describe alerts the
 * agent may not see. Thread-safe when the source underneath is.
 */
public final class ScopedAlertSource implements AlertSource {
  private final AlertSource source;
  private final List<LabelMatcher> scope;
  private final boolean maySilence;

  /**
   * @param scope matchers every alert read or silenced must satisfy; empty: unrestricted
   * @param maySilence whether the agent holds {@code alerts:silence} on the integration
   */
  public ScopedAlertSource(AlertSource source, List<LabelMatcher> scope, boolean maySilence) {
    if (source == null || scope == null) {
      throw new IllegalArgumentException("a source and a scope are required");
    }
    this.source = source;
    this.scope = List.copyOf(scope);
    this.maySilence = maySilence;
  }

  @Override
  public String integration() {
    return source.integration();
  }

  @Override
  public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited)
      throws IntegrationFailure {
    List<LabelMatcher> scoped = new ArrayList<>(filter);
    for (LabelMatcher required : scope) {
      for (LabelMatcher asked : filter) {
        if (asked.name().equals(required.name()) && asked.operator() == LabelMatcher.Operator.EQUAL
            && !required.matches(asked.value())) {
          throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "filter " + asked
              + " asks for alerts outside the alerts:read scope " + scope + " on '" + integration() + "'");
        }
      }
      if (!scoped.contains(required)) {
        scoped.add(required);
      }
    }
    // Alertmanager applies the filters; the second check guards against one that ignored them.
    return source.alerts(scoped, includeSilenced, includeInhibited).stream()
        .filter(a -> scope.stream().allMatch(m -> m.matches(a.labels().get(m.name()))))
        .toList();
  }

  @Override
  public List<Silence> silences() throws IntegrationFailure {
    return source.silences().stream().filter(s -> s.confinedTo(scope)).toList();
  }

  @Override
  public String createSilence(SilenceRequest request) throws IntegrationFailure {
    requireSilencePermission();
    if (!request.confinedTo(scope)) {
      throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "silence " + request.matchers()
          + " could mute alerts outside the alerts:read scope " + scope + " on '" + integration()
          + "'; add the scope's matchers to it");
    }
    return source.createSilence(request);
  }

  /**
   * Looks the silence up first: an agent may end only a silence it could have created, and the id
   * alone does not say what the silence mutes.
   */
  @Override
  public void expireSilence(String id) throws IntegrationFailure {
    requireSilencePermission();
    Silence silence = source.silences().stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new IntegrationFailure(IntegrationFailure.Kind.NOT_FOUND, "no silence '" + id
            + "' on '" + integration() + "'"));
    if (!silence.confinedTo(scope)) {
      throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "silence '" + id + "' " + silence.matchers()
          + " is not confined to the alerts:read scope " + scope + " on '" + integration() + "'");
    }
    source.expireSilence(id);
  }

  private void requireSilencePermission() throws IntegrationFailure {
    if (!maySilence) {
      throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, "no alerts:silence grant names '"
          + integration() + "'");
    }
  }
}
