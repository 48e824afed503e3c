package dev.vigil.core.port;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.LabelMatcher;
import java.util.List;

/**
 * Reads the alerts and silences of an alert manager (Alertmanager API v2) and creates and expires
 * silences. A source handed to a step is limited by the agent's grants: reads see only alerts and
 * silences inside the label scope of its {@code alerts:read} grants (a filter that asks for another
 * value of a scoped label is refused); creating or expiring needs {@code alerts:silence}, and only a
 * silence confined to the scope ({@link SilenceRequest#confinedTo}) is allowed. A refused call fails
 * with {@link IntegrationFailure.Kind#DENIED} before anything is sent. Thread-safe.
 */
public interface AlertSource {
  /** The integration name grants refer to, e.g. {@code am-main}. */
  String integration();

  /**
   * The active alerts matching every matcher of {@code filter} (empty: all the scope allows).
   *
   * @param includeSilenced include alerts muted by a silence
   * @param includeInhibited include alerts inhibited by another alert
   */
  List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited)
      throws IntegrationFailure;

  /** The alerts matching {@code filter} that nobody muted: neither silenced nor inhibited. */
  default List<Alert> alerts(List<LabelMatcher> filter) throws IntegrationFailure {
    return alerts(filter, false, false);
  }

  /** Silences the alert manager still remembers (active, pending and recently expired). */
  List<Silence> silences() throws IntegrationFailure;

  /**
   * Creates {@code request}; sent once, never retried (a retry after a lost answer would create a
   * second silence).
   *
   * @return the new silence's id
   */
  String createSilence(SilenceRequest request) throws IntegrationFailure;

  /**
   * Ends silence {@code id} now.
   *
   * @throws IntegrationFailure {@code NOT_FOUND} when no such silence exists, {@code INVALID} when it
   *     has already expired
   */
  void expireSilence(String id) throws IntegrationFailure;
}
