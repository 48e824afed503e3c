package dev.vigil.integrations.alertmanager;

import dev.vigil.core.alert.Alert;
import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceRequest;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.port.AlertSource;
import java.util.List;

/** The {@link AlertSource} of one Alertmanager, through its API v2 client. Thread-safe. */
public final class AlertmanagerAlertSource implements AlertSource {
  private final String integration;
  private final AlertmanagerClient client;

  public AlertmanagerAlertSource(String integration, AlertmanagerClient client) {
    if (integration == null || integration.isBlank() || client == null) {
      throw new IllegalArgumentException("an integration name and a client are required");
    }
    this.integration = integration;
    this.client = client;
  }

  @Override
  public String integration() {
    return integration;
  }

  @Override
  public List<Alert> alerts(List<LabelMatcher> filter, boolean includeSilenced, boolean includeInhibited)
      throws IntegrationFailure {
    try {
      return client.alerts(filter, includeSilenced, includeInhibited);
    } catch (AlertmanagerException e) {
      throw failure(e);
    }
  }

  @Override
  public List<Silence> silences() throws IntegrationFailure {
    try {
      return client.silences();
    } catch (AlertmanagerException e) {
      throw failure(e);
    }
  }

  @Override
  public String createSilence(SilenceRequest request) throws IntegrationFailure {
    try {
      return client.createSilence(request);
    } catch (AlertmanagerException e) {
      throw failure(e);
    }
  }

  @Override
  public void expireSilence(String id) throws IntegrationFailure {
    try {
      client.expireSilence(id);
    } catch (AlertmanagerException e) {
      throw failure(e);
    }
  }

  private static IntegrationFailure failure(AlertmanagerException e) {
    IntegrationFailure.Kind kind;
    if (e.retryable()) {
      kind = IntegrationFailure.Kind.UNAVAILABLE;
    } else if (e.status() == 404) {
      kind = IntegrationFailure.Kind.NOT_FOUND;
    } else if (e.status() == 401 || e.status() == 403) {
      kind = IntegrationFailure.Kind.DENIED;
    } else {
      kind = IntegrationFailure.Kind.INVALID;
    }
    return new IntegrationFailure(kind, e.getMessage(), e);
  }
}
